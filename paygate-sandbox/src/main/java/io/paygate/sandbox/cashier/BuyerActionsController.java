package io.paygate.sandbox.cashier;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.paygate.sandbox.problems.Require;
import io.paygate.sandbox.problems.SandboxProblem;
import io.paygate.sandbox.trades.PayResult;
import io.paygate.sandbox.trades.Payments;
import io.paygate.sandbox.trades.Trade;
import io.paygate.sandbox.trades.TradeRepository;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Control API: act as the buyer without a browser (scan the QR code, pay). */
@RestController
public class BuyerActionsController {

  private final TradeRepository trades;
  private final Payments payments;

  public BuyerActionsController(TradeRepository trades, Payments payments) {
    this.trades = trades;
    this.payments = payments;
  }

  @PostMapping("/sandbox/api/buyer/scan")
  BuyerActionView scan(@RequestBody BuyerAction body) {
    Trade order = order(body);
    PayResult result =
        payments.open(order.id(), Optional.of(Require.text(body.buyerLogonId(), "buyer_logon_id")));
    return view(result);
  }

  @PostMapping("/sandbox/api/buyer/pay")
  BuyerActionView pay(@RequestBody BuyerAction body) {
    Trade order = order(body);
    PayResult result =
        payments.pay(
            order.id(),
            Require.text(body.buyerLogonId(), "buyer_logon_id"),
            Optional.ofNullable(body.payPassword()));
    return view(result);
  }

  /** By out_trade_no, or by trade_no (a JSAPI trade, paid by its number as my.tradePay does). */
  private Trade order(BuyerAction body) {
    String appId = Require.text(body.appId(), "app_id");
    Optional<Trade> found =
        body.tradeNo() != null && !body.tradeNo().isBlank()
            ? trades.byTradeNo(appId, body.tradeNo().trim())
            : trades.byOutTradeNo(appId, Require.text(body.outTradeNo(), "out_trade_no"));
    return found.orElseThrow(
        () ->
            SandboxProblem.notFound(
                "ORDER_NOT_FOUND",
                "No order with this out_trade_no (or trade_no) was opened at the gateway."));
  }

  private static BuyerActionView view(PayResult result) {
    if (result instanceof PayResult.Refused refused) {
      throw new SandboxProblem(
          status(refused.reason()), refused.reason().name(), refused.message(), null);
    }
    if (result instanceof PayResult.Paid paid) {
      return new BuyerActionView(
          paid.trade().tradeNo(), paid.trade().status().name(), paid.returnUrl().orElse(null));
    }
    Trade trade = ((PayResult.Opened) result).trade();
    return new BuyerActionView(trade.tradeNo(), trade.status().name(), null);
  }

  private static HttpStatus status(PayResult.Reason reason) {
    return switch (reason) {
      case ORDER_NOT_FOUND, BUYER_NOT_FOUND -> HttpStatus.NOT_FOUND;
      case WRONG_PAY_PASSWORD -> HttpStatus.BAD_REQUEST;
      default -> HttpStatus.CONFLICT;
    };
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record BuyerAction(
      String appId, String outTradeNo, String tradeNo, String buyerLogonId, String payPassword) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record BuyerActionView(String tradeNo, String tradeStatus, String returnUrl) {}
}
