package io.paygate.server.payments;

import io.paygate.core.exchanges.ExchangeLog;
import io.paygate.core.payments.PaymentService;
import io.paygate.core.refunds.RefundService;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The payment page: its state, refunds and history. The refund form on it may come back to it with
 * what was typed and its error (see the refunds feature).
 */
@Component
public class PaymentPage {

  private final PaymentService payments;
  private final RefundService refunds;
  private final ExchangeLog exchanges;

  public PaymentPage(PaymentService payments, RefundService refunds, ExchangeLog exchanges) {
    this.payments = payments;
    this.refunds = refunds;
    this.exchanges = exchanges;
  }

  public String render(String outTradeNo, Model model) {
    model.addAttribute("payment", payments.get(outTradeNo));
    model.addAttribute("refunds", refunds.list(outTradeNo));
    model.addAttribute("exchanges", exchanges.forPayment(outTradeNo));
    return "payments/payment";
  }
}
