package io.paygate.server.refunds;

import io.paygate.core.payments.PaymentService;
import io.paygate.core.refunds.NewRefund;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundService;
import io.paygate.core.refunds.RefundStatus;
import io.paygate.server.api.ApiController;
import io.paygate.server.api.Locations;
import io.paygate.server.api.ReadScope;
import io.paygate.server.api.WriteScope;
import io.paygate.server.apikeys.AppAccess;
import io.paygate.server.idempotency.BoundNumbers;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/** The refunds part of the merchant API. */
@ApiController
@RequestMapping("/api/v1/payments/{outTradeNo}/refunds")
public class RefundApiController {

  private final RefundService refunds;
  private final PaymentService payments;

  public RefundApiController(RefundService refunds, PaymentService payments) {
    this.refunds = refunds;
    this.payments = payments;
  }

  /** Before every route here: another app's payment does not exist for a key limited to apps. */
  @ModelAttribute
  void visibleToTheCaller(@PathVariable String outTradeNo, HttpServletRequest http) {
    // The payment's channel is its refunds' too: kept for the views, read once.
    http.setAttribute(CHANNEL, AppAccess.visible(http, payments.get(outTradeNo)).channel());
  }

  private static final String CHANNEL = RefundApiController.class.getName() + ".channel";

  private static String channel(HttpServletRequest http) {
    return (String) http.getAttribute(CHANNEL);
  }

  /**
   * 201 with the refund; 202 while its outcome is unknown (PENDING: it is settled by a refund
   * query, never resent under a new number).
   */
  @WriteScope
  @PostMapping
  public ResponseEntity<RefundView> create(
      @PathVariable String outTradeNo,
      @RequestBody CreateRefundRequest request,
      HttpServletRequest http) {
    NewRefund asked = request.toNewRefund();
    // Under an Idempotency-Key the refund takes the number the key bound before any call: a retry
    // finds the first run's refund by it (done, pending, or sent again under the same number).
    NewRefund refund =
        new NewRefund(
            asked.refundAmount(),
            asked.reason(),
            BoundNumbers.outRequestNo(http, asked.outRequestNo()));
    Refund made = refunds.refund(outTradeNo, refund);
    HttpStatus status =
        made.status() == RefundStatus.PENDING ? HttpStatus.ACCEPTED : HttpStatus.CREATED;
    return ResponseEntity.status(status)
        .location(Locations.api("payments", outTradeNo, "refunds", made.outRequestNo()))
        .body(RefundView.of(made, channel(http)));
  }

  @ReadScope
  @GetMapping
  public List<RefundView> list(@PathVariable String outTradeNo, HttpServletRequest http) {
    return refunds.list(outTradeNo).stream().map(r -> RefundView.of(r, channel(http))).toList();
  }

  @ReadScope
  @GetMapping("/{outRequestNo}")
  public RefundView get(
      @PathVariable String outTradeNo, @PathVariable String outRequestNo, HttpServletRequest http) {
    return RefundView.of(refunds.get(outTradeNo, outRequestNo), channel(http));
  }
}
