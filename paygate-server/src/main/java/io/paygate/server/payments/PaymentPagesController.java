package io.paygate.server.payments;

import io.paygate.core.errors.PayGateException;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentService;
import io.paygate.server.pages.Labels;
import io.paygate.server.pages.PageController;
import jakarta.validation.Valid;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The payment pages: the index's pay, query and close forms, and the payment page. Refusals that
 * are not a form's field error are shown by {@link io.paygate.server.pages.PageAdvice}.
 */
@PageController
public class PaymentPagesController {

  private final PaymentService payments;
  private final PaymentPage page;

  public PaymentPagesController(PaymentService payments, PaymentPage page) {
    this.payments = payments;
    this.page = page;
  }

  @GetMapping("/pages/query")
  public String query(@Valid QueryForm form, BindingResult result) {
    if (result.hasErrors()) {
      throw PayGateException.invalid(
          "out_trade_no", result.getAllErrors().get(0).getDefaultMessage());
    }
    String number =
        form.outTradeNo() != null
            ? form.outTradeNo()
            : payments.getByTradeNo(form.tradeNo()).outTradeNo();
    payments.sync(number);
    return "redirect:/payments/" + number;
  }

  @GetMapping("/payments/{outTradeNo}")
  public String payment(@PathVariable String outTradeNo, Model model) {
    return page.render(outTradeNo, model);
  }

  @PostMapping("/payments/{outTradeNo}/sync")
  public String sync(@PathVariable String outTradeNo, RedirectAttributes redirect) {
    try {
      Payment payment = payments.sync(outTradeNo);
      redirect.addFlashAttribute(
          "notice", "已向支付宝查询 Asked Alipay: " + Labels.INSTANCE.payment(payment.status()));
    } catch (PayGateException refused) {
      redirect.addFlashAttribute("errorMessage", refused.getMessage());
    }
    return "redirect:/payments/" + outTradeNo;
  }

  @PostMapping("/pages/close")
  public String closeFromIndex(
      @RequestParam(name = "out_trade_no") String outTradeNo, RedirectAttributes redirect) {
    return close(outTradeNo.trim(), redirect);
  }

  @PostMapping("/payments/{outTradeNo}/close")
  public String close(@PathVariable String outTradeNo, RedirectAttributes redirect) {
    try {
      payments.close(outTradeNo);
      redirect.addFlashAttribute("notice", "已关闭 Closed");
    } catch (PayGateException refused) {
      // A payment that cannot be closed stays on its page with the reason, not an error page.
      redirect.addFlashAttribute("errorMessage", refused.getMessage());
    }
    return "redirect:/payments/" + outTradeNo;
  }
}
