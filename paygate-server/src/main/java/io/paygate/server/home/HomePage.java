package io.paygate.server.home;

import io.paygate.core.payments.PaymentRepository;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** The index with its four forms and the recent payments; the pay form may come back to it. */
@Component
public class HomePage {

  private final PaymentRepository payments;

  public HomePage(PaymentRepository payments) {
    this.payments = payments;
  }

  public String render(Model model, PaymentForm form) {
    model.addAttribute("form", form);
    model.addAttribute("recent", payments.findRecent(20));
    return "home/index";
  }
}
