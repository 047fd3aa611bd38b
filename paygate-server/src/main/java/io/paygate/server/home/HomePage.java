package io.paygate.server.home;

import io.paygate.core.payments.PaymentRepository;
import io.paygate.server.dashboard.DashboardQueries;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The index: the dashboard, the seed's four forms and the recent payments; the pay form may come
 * back to it.
 */
@Component
public class HomePage {

  private final PaymentRepository payments;
  private final DashboardQueries dashboard;

  public HomePage(PaymentRepository payments, DashboardQueries dashboard) {
    this.payments = payments;
    this.dashboard = dashboard;
  }

  public String render(Model model, PaymentForm form) {
    model.addAttribute("form", form);
    model.addAttribute("dashboard", dashboard.dashboard());
    model.addAttribute("recent", payments.findRecent(20));
    return "home/index";
  }
}
