package io.paygate.server.pages;

import io.paygate.core.exchanges.ExchangeLog;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentRepository;
import io.paygate.core.payments.PaymentService;
import io.paygate.core.refunds.RefundService;
import io.paygate.core.support.PayGateException;
import io.paygate.server.api.RequestFields;
import io.paygate.server.payments.CreatePaymentRequest;
import io.paygate.server.refunds.CreateRefundRequest;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages for people: the seed's index with its four forms (pay, query, refund, close) and the
 * payment page with its state, refunds and history.
 */
@PageController
public class PagesController {

  private final PaymentService payments;
  private final RefundService refunds;
  private final PaymentRepository paymentRepository;
  private final ExchangeLog exchanges;
  private final OperatorTools operatorTools;

  public PagesController(
      PaymentService payments,
      RefundService refunds,
      PaymentRepository paymentRepository,
      ExchangeLog exchanges,
      OperatorTools operatorTools) {
    this.payments = payments;
    this.refunds = refunds;
    this.paymentRepository = paymentRepository;
    this.exchanges = exchanges;
    this.operatorTools = operatorTools;
  }

  @GetMapping("/")
  public String index(Model model) {
    return index(model, PaymentForm.blank(), null);
  }

  private String index(Model model, PaymentForm form, PayGateException error) {
    model.addAttribute("form", form);
    model.addAttribute("recent", paymentRepository.findRecent(20));
    if (error != null) {
      model.addAttribute("errorField", error.field());
      model.addAttribute("errorMessage", error.getMessage());
    }
    return "home/index";
  }

  @PostMapping("/pages/pay")
  public Object pay(PaymentForm form, Model model) {
    try {
      Payment payment =
          payments.create(
              new CreatePaymentRequest(
                      form.totalAmount(),
                      form.subject(),
                      form.body(),
                      form.product(),
                      form.outTradeNo())
                  .toNewPayment());
      return "redirect:/pay/" + payment.outTradeNo();
    } catch (PayGateException refused) {
      return new ModelAndView(index(model, form, refused), model.asMap(), HttpStatus.BAD_REQUEST);
    }
  }

  @GetMapping("/pages/query")
  public Object query(
      @RequestParam(name = "out_trade_no", required = false) String outTradeNo,
      @RequestParam(name = "trade_no", required = false) String tradeNo,
      Model model) {
    try {
      String number = RequestFields.optional(outTradeNo);
      if (number == null && RequestFields.optional(tradeNo) != null) {
        number = payments.getByTradeNo(tradeNo.trim()).outTradeNo();
      }
      if (number == null) {
        throw PayGateException.invalid("out_trade_no", "give out_trade_no or trade_no");
      }
      payments.sync(number);
      return "redirect:/payments/" + number;
    } catch (PayGateException refused) {
      return Pages.problem(model, refused);
    }
  }

  @GetMapping("/payments/{outTradeNo}")
  public Object payment(@PathVariable String outTradeNo, Model model) {
    try {
      Payment payment = payments.get(outTradeNo);
      model.addAttribute("payment", payment);
      model.addAttribute("refunds", refunds.list(outTradeNo));
      model.addAttribute("exchanges", exchanges.forPayment(outTradeNo));
      if (!model.containsAttribute("refundForm")) {
        model.addAttribute("refundForm", RefundForm.blank());
      }
      return "payments/payment";
    } catch (PayGateException refused) {
      return Pages.problem(model, refused);
    }
  }

  @PostMapping("/payments/{outTradeNo}/refunds")
  public Object refund(
      @PathVariable String outTradeNo, RefundForm form, Model model, RedirectAttributes redirect) {
    if (!operatorTools.enabled()) {
      return Pages.problem(model, operatorTools.refusal());
    }
    try {
      var refund =
          refunds.refund(
              outTradeNo,
              new CreateRefundRequest(form.refundAmount(), form.refundReason(), form.outRequestNo())
                  .toNewRefund());
      redirect.addFlashAttribute(
          "notice", "退款 Refund " + refund.outRequestNo() + ": " + refund.status());
      return "redirect:/payments/" + outTradeNo;
    } catch (PayGateException refused) {
      if (refused.field() == null) {
        redirect.addFlashAttribute("errorMessage", refused.getMessage());
        return "redirect:/payments/" + outTradeNo;
      }
      model.addAttribute("refundForm", form);
      model.addAttribute("errorField", refused.field());
      model.addAttribute("errorMessage", refused.getMessage());
      Object page = payment(outTradeNo, model);
      return page instanceof String name
          ? new ModelAndView(name, model.asMap(), HttpStatus.BAD_REQUEST)
          : page;
    }
  }

  /** The index's refund form: the same as the payment page's, with the number typed in. */
  @PostMapping("/pages/refund")
  public Object refundFromIndex(
      @RequestParam(name = "out_trade_no") String outTradeNo,
      RefundForm form,
      Model model,
      RedirectAttributes redirect) {
    return refund(outTradeNo.trim(), form, model, redirect);
  }

  @PostMapping("/pages/close")
  public Object closeFromIndex(
      @RequestParam(name = "out_trade_no") String outTradeNo,
      Model model,
      RedirectAttributes redirect) {
    return close(outTradeNo.trim(), model, redirect);
  }

  @PostMapping("/payments/{outTradeNo}/close")
  public Object close(@PathVariable String outTradeNo, Model model, RedirectAttributes redirect) {
    if (!operatorTools.enabled()) {
      return Pages.problem(model, operatorTools.refusal());
    }
    try {
      payments.close(outTradeNo);
      redirect.addFlashAttribute("notice", "已关闭 Closed");
    } catch (PayGateException refused) {
      redirect.addFlashAttribute("errorMessage", refused.getMessage());
    }
    return "redirect:/payments/" + outTradeNo;
  }
}
