package io.paygate.server.payments;

import io.paygate.core.channel.Checkout;
import io.paygate.core.channel.Product;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentService;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.server.pages.Labels;
import io.paygate.server.pages.PageController;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * {@code /pay/{out_trade_no}}, the buyer's link: for a cashier payment the page that sends the
 * browser on to the channel's cashier (Alipay's form, WeChat Pay's H5 address); for a QR payment
 * (Alipay's, or WeChat Pay's Native) the code to scan, with its amount and a status that turns to
 * paid; for one paid inside an app (app pay, JSAPI) the order and where to pay it.
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
  public Object pay(@PathVariable String outTradeNo, HttpServletRequest request) {
    Payment payment = payments.get(outTradeNo);
    if (payment.product().opensAnotherWay()) {
      return new ModelAndView("redirect:/checkout/" + payment.outTradeNo());
    }
    if (payment.product().showsQrCode()) {
      return qrPage(payment);
    }
    if (payment.product().hasCashierPage()) {
      // WeChat Pay's H5 asks for the buyer's IP address: the browser's, here.
      return cashier(payment, request.getRemoteAddr());
    }
    if (payment.product() != Product.APP && payment.product() != Product.JSAPI) {
      // Face to face: answered as a payment with no cashier (a problem, never a page).
      return formPage.of(payments.payForm(payment));
    }
    // Paid inside the provider's app by the shop's own app or page: nothing to open here.
    ModelAndView page = statusPage(payment);
    if (payment.status() == PaymentStatus.PENDING) {
      page.addObject("inApp", true);
    }
    return page;
  }

  private Object cashier(Payment payment, String buyerIp) {
    Checkout checkout = payments.checkout(payment, buyerIp);
    if (checkout instanceof Checkout.Redirect redirect) {
      // WeChat Pay's H5: its own address, opened in the phone's browser.
      return ResponseEntity.status(HttpStatus.FOUND)
          .location(URI.create(redirect.url()))
          .header("Cache-Control", "no-store")
          .build();
    }
    if (checkout instanceof Checkout.Form form) {
      return formPage.of(form.html());
    }
    return statusPage(payment);
  }

  private ModelAndView statusPage(Payment payment) {
    ModelAndView page = new ModelAndView("payments/qr");
    page.addObject("payment", payment);
    page.addObject("statusLabel", Labels.INSTANCE.payment(payment.status()));
    page.addObject("wechat", "wechatpay".equals(payment.channel()));
    return page;
  }

  private ModelAndView qrPage(Payment payment) {
    ModelAndView page = statusPage(payment);
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
}
