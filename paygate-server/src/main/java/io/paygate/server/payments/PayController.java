package io.paygate.server.payments;

import io.paygate.core.errors.PayGateException;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentService;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.server.pages.Labels;
import io.paygate.server.pages.PageController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * {@code /pay/{out_trade_no}}, the buyer's link: for a cashier payment the page that sends the
 * browser on to Alipay's cashier; for a QR payment the code to scan, with its amount and a status
 * that turns to paid.
 */
@PageController
public class PayController {

  private final PaymentService payments;
  private final CashierFormPage formPage;

  public PayController(PaymentService payments, ResourceUrlProvider assets) {
    this.payments = payments;
    this.formPage = new CashierFormPage(assets);
  }

  /** What the QR page polls: the payment's status, and nothing else about it. */
  public record PayStatus(String status) {}

  @GetMapping(value = "/pay/{outTradeNo}/status", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  public ResponseEntity<PayStatus> status(@PathVariable String outTradeNo) {
    return ResponseEntity.ok()
        .header("Cache-Control", "no-store")
        .body(new PayStatus(payments.get(outTradeNo).status().name()));
  }

  /** A cashier payment's form (HTML), or a QR payment's page (a view): Spring MVC takes either. */
  @GetMapping("/pay/{outTradeNo}")
  public Object pay(@PathVariable String outTradeNo) {
    Payment payment = payments.get(outTradeNo);
    if (payment.product().opensAnotherWay()) {
      return new ModelAndView("redirect:/checkout/" + payment.outTradeNo());
    }
    if (payment.product().showsQrCode()) {
      return qrPage(payment);
    }
    return form(payment);
  }

  private ModelAndView qrPage(Payment payment) {
    ModelAndView page = new ModelAndView("payments/qr");
    page.addObject("payment", payment);
    page.addObject("statusLabel", Labels.INSTANCE.payment(payment.status()));
    if (payment.status() == PaymentStatus.PENDING) {
      try {
        page.addObject("qrImage", QrImages.dataUri(payments.qrCode(payment.outTradeNo()), 280));
      } catch (PayGateException notNow) {
        // Expired, or Alipay did not answer: the page says so and the buyer may reload.
        page.addObject("qrError", notNow.getMessage());
      }
    }
    return page;
  }

  private ResponseEntity<String> form(Payment payment) {
    return formPage.of(payments.payForm(payment));
  }
}
