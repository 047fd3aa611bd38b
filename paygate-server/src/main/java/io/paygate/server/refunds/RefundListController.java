package io.paygate.server.refunds;

import io.paygate.core.errors.PayGateException;
import io.paygate.core.payments.PaymentService;
import io.paygate.core.refunds.RefundService;
import io.paygate.core.refunds.RefundStatus;
import io.paygate.server.api.ApiController;
import io.paygate.server.api.ListPage;
import io.paygate.server.api.ListParameters;
import io.paygate.server.api.ReadScope;
import io.paygate.server.apikeys.AppAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code GET /api/v1/refunds}: every payment's refunds, newest first, a page at a time. The cursor
 * {@code starting_after} is the last refund's {@code out_trade_no/out_request_no}.
 */
@ApiController
public class RefundListController {

  private final JdbcRefundRepository repository;
  private final RefundService refunds;
  private final PaymentService payments;

  public RefundListController(
      JdbcRefundRepository repository, RefundService refunds, PaymentService payments) {
    this.repository = repository;
    this.refunds = refunds;
    this.payments = payments;
  }

  @ReadScope
  @GetMapping("/api/v1/refunds")
  public ListPage<RefundView> list(
      @RequestParam(required = false) String status,
      @RequestParam(name = "created_from", required = false) String createdFrom,
      @RequestParam(name = "created_to", required = false) String createdTo,
      @RequestParam(required = false) Integer limit,
      @RequestParam(name = "starting_after", required = false) String startingAfter,
      @RequestParam(required = false) String app,
      @RequestParam(required = false) String channel,
      HttpServletRequest request) {
    int size = ListParameters.limit(limit);
    String of = ListParameters.channel(payments.channels(), channel);
    String afterPayment = null;
    String afterRefund = null;
    if (startingAfter != null && !startingAfter.isBlank()) {
      int slash = startingAfter.indexOf('/');
      if (slash < 1 || slash == startingAfter.length() - 1) {
        throw PayGateException.invalid(
            "starting_after", "starting_after is the last refund's out_trade_no/out_request_no");
      }
      afterPayment = startingAfter.substring(0, slash);
      afterRefund = startingAfter.substring(slash + 1);
      // Another app's payment is not found, as one that does not exist: its refunds with it.
      AppAccess.visible(request, payments.get(afterPayment));
      refunds.get(afterPayment, afterRefund);
    }
    List<RefundView> rows =
        repository
            .list(
                AppAccess.listed(request, app),
                of,
                ListParameters.oneOf("status", status, RefundStatus.class),
                ListParameters.time("created_from", createdFrom),
                ListParameters.time("created_to", createdTo),
                afterPayment,
                afterRefund,
                size + 1)
            .stream()
            .map(listed -> RefundView.of(listed.refund(), listed.channel()))
            .toList();
    return ListPage.of(rows, size);
  }
}
