package io.paygate.server.home;

import io.paygate.core.channel.Channels;
import io.paygate.core.payments.PaymentRepository;
import io.paygate.server.dashboard.DashboardQueries;
import io.paygate.server.pages.FormLimits;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The index: the dashboard, the seed's four forms and the recent payments; the pay form may come
 * back to it. The forms' limits are the configured channel's rules (as {@code limits}), so what the
 * browser refuses is what the core would refuse.
 */
@Component
public class HomePage {

  private final PaymentRepository payments;
  private final DashboardQueries dashboard;
  private final Channels channels;

  public HomePage(PaymentRepository payments, DashboardQueries dashboard, Channels channels) {
    this.payments = payments;
    this.dashboard = dashboard;
    this.channels = channels;
  }

  public String render(Model model, PaymentForm form) {
    model.addAttribute("form", form);
    model.addAttribute("dashboard", dashboard.dashboard());
    model.addAttribute("recent", payments.findRecent(20));
    model.addAttribute("limits", FormLimits.of(channels.defaultChannel().rules()));
    return "home/index";
  }
}
