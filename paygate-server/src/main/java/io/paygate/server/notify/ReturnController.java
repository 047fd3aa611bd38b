package io.paygate.server.notify;

import io.paygate.core.channel.Channels;
import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentService;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.server.pages.PageController;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Where the buyer's browser comes back from the cashier. The signed parameters prove only that
 * Alipay sent the buyer here, never that the payment went through: the page shows the stored state,
 * asking Alipay once when it is not paid yet.
 */
@PageController
public class ReturnController {

  private final Channels channels;
  private final PaymentService payments;

  public ReturnController(Channels channels, PaymentService payments) {
    this.channels = channels;
    this.payments = payments;
  }

  /** The return route is Alipay's cashier's. */
  private static final String ALIPAY = "alipay";

  @GetMapping("/alipay/return")
  public String returned(HttpServletRequest request, Model model) {
    String outTradeNo =
        channels
            .of(ALIPAY)
            .verifyReturn(request.getQueryString())
            .orElseThrow(
                () ->
                    new PayGateException(
                        ErrorCode.VALIDATION_FAILED,
                        "这不是支付宝签名的返回 This is not a return signed by Alipay"));
    Payment payment = payments.get(outTradeNo);
    if (payment.status() == PaymentStatus.PENDING) {
      payment = payments.sync(outTradeNo);
    }
    model.addAttribute("payment", payment);
    return "notify/return";
  }
}
