package io.paygate.server.payments;

import io.paygate.core.channel.Channels;
import io.paygate.core.exchanges.ExchangeLog;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentService;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundService;
import io.paygate.server.pages.FormLimits;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The payment page: its state, refunds and history. The refund form on it may come back to it with
 * what was typed and its error (see the refunds feature); its limits are the configured channel's
 * rules (as {@code limits}).
 */
@Component
public class PaymentPage {

  private final PaymentService payments;
  private final RefundService refunds;
  private final ExchangeLog exchanges;
  private final ToldTheShop told;
  private final Channels channels;

  public PaymentPage(
      PaymentService payments,
      RefundService refunds,
      ExchangeLog exchanges,
      ToldTheShop told,
      Channels channels) {
    this.payments = payments;
    this.refunds = refunds;
    this.exchanges = exchanges;
    this.told = told;
    this.channels = channels;
  }

  public String render(String outTradeNo, Model model) {
    Payment payment = payments.get(outTradeNo);
    List<Refund> itsRefunds = refunds.list(outTradeNo);
    model.addAttribute("payment", payment);
    model.addAttribute("refunds", itsRefunds);
    model.addAttribute("limits", FormLimits.of(channels.defaultChannel().rules()));
    model.addAttribute(
        "timeline",
        Timeline.of(
            payment, exchanges.forPayment(outTradeNo), itsRefunds, told.forPayment(outTradeNo)));
    return "payments/payment";
  }
}
