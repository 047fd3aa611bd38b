package io.paygate.server.refunds;

import io.paygate.core.errors.PayGateException;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundService;
import io.paygate.server.pages.FormError;
import io.paygate.server.pages.Labels;
import io.paygate.server.pages.PageController;
import io.paygate.server.payments.PaymentPage;
import jakarta.validation.Valid;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The refund forms: the payment page's, and the index's with the number typed in. */
@PageController
public class RefundPagesController {

  private final RefundService refunds;
  private final PaymentPage paymentPage;

  public RefundPagesController(RefundService refunds, PaymentPage paymentPage) {
    this.refunds = refunds;
    this.paymentPage = paymentPage;
  }

  @PostMapping("/payments/{outTradeNo}/refunds")
  public ModelAndView refund(
      @PathVariable String outTradeNo,
      @Valid @ModelAttribute("refundForm") RefundForm form,
      BindingResult result,
      Model model,
      RedirectAttributes redirect) {
    Optional<FormError> error = FormError.first(result, RefundForm.FIELDS);
    if (error.isEmpty()) {
      try {
        Refund refund = refunds.refund(outTradeNo, form.toNewRefund());
        redirect.addFlashAttribute(
            "notice",
            "退款 Refund " + refund.outRequestNo() + ": " + Labels.INSTANCE.refund(refund.status()));
        return new ModelAndView("redirect:/payments/" + outTradeNo);
      } catch (PayGateException refused) {
        if (refused.field() == null) {
          // Not the typing's fault (the payment's state, Alipay): shown above the page.
          redirect.addFlashAttribute("errorMessage", refused.getMessage());
          return new ModelAndView("redirect:/payments/" + outTradeNo);
        }
        error = Optional.of(FormError.of(refused));
      }
    }
    error.get().addTo(model);
    return new ModelAndView(
        paymentPage.render(outTradeNo, model), model.asMap(), HttpStatus.BAD_REQUEST);
  }

  @PostMapping("/pages/refund")
  public ModelAndView refundFromIndex(
      @RequestParam(name = "out_trade_no") String outTradeNo,
      @Valid @ModelAttribute("refundForm") RefundForm form,
      BindingResult result,
      Model model,
      RedirectAttributes redirect) {
    return refund(outTradeNo.trim(), form, result, model, redirect);
  }
}
