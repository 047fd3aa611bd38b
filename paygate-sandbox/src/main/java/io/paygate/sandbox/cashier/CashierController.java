package io.paygate.sandbox.cashier;

import io.paygate.sandbox.PublicUrl;
import io.paygate.sandbox.clock.VirtualClock;
import io.paygate.sandbox.trades.PayResult;
import io.paygate.sandbox.trades.Payments;
import io.paygate.sandbox.trades.Trade;
import io.paygate.sandbox.trades.TradeRepository;
import io.paygate.sandbox.wire.Money;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The sandbox cashier: order summary, a QR code to "scan", and a buyer login that pays. */
@Controller
public class CashierController {

  private final TradeRepository trades;
  private final Payments payments;
  private final PublicUrl publicUrl;
  private final VirtualClock clock;

  public CashierController(
      TradeRepository trades, Payments payments, PublicUrl publicUrl, VirtualClock clock) {
    this.trades = trades;
    this.payments = payments;
    this.publicUrl = publicUrl;
    this.clock = clock;
  }

  @GetMapping("/sandbox/cashier/{token}")
  ModelAndView cashier(@PathVariable String token) {
    return order(token).map(t -> page(t, null, false)).orElseGet(CashierController::notFound);
  }

  /** Where the QR code points: the buyer's phone opens the trade (WAIT_BUYER_PAY). */
  @GetMapping("/sandbox/cashier/{token}/scan")
  ModelAndView scan(@PathVariable String token) {
    Optional<Trade> order = order(token);
    if (order.isEmpty()) {
      return notFound();
    }
    PayResult result = payments.open(order.get().id(), Optional.empty());
    String message = result instanceof PayResult.Refused refused ? refused.message() : null;
    return page(trades.byToken(token).orElseThrow(), message, true);
  }

  @GetMapping("/sandbox/cashier/{token}/qr.png")
  ResponseEntity<byte[]> qr(@PathVariable String token, HttpServletRequest request) {
    if (order(token).isEmpty()) {
      return ResponseEntity.notFound().build();
    }
    String target = publicUrl.base(request) + "/sandbox/cashier/" + token + "/scan";
    return ResponseEntity.ok()
        .contentType(MediaType.IMAGE_PNG)
        .cacheControl(CacheControl.noStore())
        .body(QrCodes.png(target, 240));
  }

  @PostMapping("/sandbox/cashier/{token}/pay")
  Object pay(
      @PathVariable String token,
      @RequestParam(name = "logon_id", defaultValue = "") String logonId,
      @RequestParam(name = "pay_password", defaultValue = "") String payPassword) {
    Optional<Trade> order = order(token);
    if (order.isEmpty()) {
      return notFound();
    }
    if (logonId.isBlank() || payPassword.isEmpty()) {
      return page(order.get(), "请输入账户名和支付密码 / Enter the account and pay password.", false);
    }
    PayResult result = payments.pay(order.get().id(), logonId.trim(), Optional.of(payPassword));
    if (result instanceof PayResult.Paid paid) {
      if (paid.returnUrl().isPresent()) {
        return ResponseEntity.status(HttpStatus.FOUND)
            .header("Location", paid.returnUrl().get())
            .build();
      }
      ModelAndView done = new ModelAndView("sandbox/paid");
      done.addObject("trade", paid.trade());
      done.addObject("amount", Money.format(paid.trade().totalAmount()));
      return done;
    }
    String message =
        result instanceof PayResult.Refused refused ? refused.message() : "支付失败 / Payment failed.";
    return page(trades.byToken(token).orElseThrow(), message, false);
  }

  private Optional<Trade> order(String token) {
    return trades.byToken(token);
  }

  private ModelAndView page(Trade trade, String error, boolean scanned) {
    ModelAndView page = new ModelAndView("sandbox/cashier");
    page.addObject("trade", trade);
    page.addObject("amount", Money.format(trade.totalAmount()));
    page.addObject("error", error);
    page.addObject("scanned", scanned);
    page.addObject("expired", !trade.opened() && !trade.expiresAt().isAfter(clock.now()));
    page.addObject("payable", !trade.opened() || trade.status().name().equals("WAIT_BUYER_PAY"));
    return page;
  }

  private static ModelAndView notFound() {
    ModelAndView page = new ModelAndView("sandbox/cashier-missing");
    page.setStatus(HttpStatus.NOT_FOUND);
    return page;
  }
}
