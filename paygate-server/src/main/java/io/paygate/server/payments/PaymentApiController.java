package io.paygate.server.payments;

import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentService;
import io.paygate.server.PayGateProperties;
import io.paygate.server.api.ApiController;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The payments part of the merchant API. */
@ApiController
@RequestMapping("/api/v1/payments")
public class PaymentApiController {

  private final PaymentService payments;
  private final String publicUrl;

  public PaymentApiController(PaymentService payments, PayGateProperties properties) {
    this.payments = payments;
    this.publicUrl = properties.publicUrl();
  }

  @PostMapping
  public ResponseEntity<PaymentView> create(@RequestBody CreatePaymentRequest request) {
    PaymentView created = view(payments.create(request.toNewPayment()));
    return ResponseEntity.created(URI.create("/api/v1/payments/" + created.outTradeNo()))
        .body(created);
  }

  @GetMapping("/{outTradeNo}")
  public PaymentView get(
      @PathVariable String outTradeNo, @RequestParam(defaultValue = "false") boolean sync) {
    return view(sync ? payments.sync(outTradeNo) : payments.get(outTradeNo));
  }

  /** Finds a payment by Alipay's trade number (404 when none has it), synced on request. */
  @GetMapping
  public PaymentView findByTradeNo(
      @RequestParam(name = "trade_no") String tradeNo,
      @RequestParam(defaultValue = "false") boolean sync) {
    Payment payment = payments.getByTradeNo(tradeNo);
    return view(sync ? payments.sync(payment.outTradeNo()) : payment);
  }

  @PostMapping("/{outTradeNo}/close")
  public PaymentView close(@PathVariable String outTradeNo) {
    return view(payments.close(outTradeNo));
  }

  private PaymentView view(Payment payment) {
    return PaymentView.of(payment, publicUrl);
  }
}
