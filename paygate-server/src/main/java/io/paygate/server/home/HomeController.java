package io.paygate.server.home;

import io.paygate.core.errors.PayGateException;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentService;
import io.paygate.server.pages.FormError;
import io.paygate.server.pages.PageController;
import jakarta.validation.Valid;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /}: the seed's index with its four forms (pay, query, refund, close). Its pay form is
 * posted back here ({@code /pages/pay}), so a refusal is shown on the index it came from.
 */
@PageController
public class HomeController {

  private final HomePage page;
  private final PaymentService payments;

  public HomeController(HomePage page, PaymentService payments) {
    this.page = page;
    this.payments = payments;
  }

  @GetMapping("/")
  public String index(Model model) {
    return page.render(model, PaymentForm.blank());
  }

  @PostMapping("/pages/pay")
  public ModelAndView pay(
      @Valid @ModelAttribute("form") PaymentForm form, BindingResult result, Model model) {
    Optional<FormError> error = FormError.first(result, PaymentForm.FIELDS);
    if (error.isEmpty()) {
      try {
        Payment payment = payments.create(form.toNewPayment());
        return new ModelAndView("redirect:/pay/" + payment.outTradeNo());
      } catch (PayGateException refused) {
        // The domain's refusals of what was typed are shown at the form, like its own checks.
        error = Optional.of(FormError.of(refused));
      }
    }
    error.get().addTo(model);
    return new ModelAndView(page.render(model, form), model.asMap(), HttpStatus.BAD_REQUEST);
  }
}
