package io.paygate.server.refunds;

import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundStatus;
import io.paygate.server.api.ListPage;
import io.paygate.server.api.ListParameters;
import io.paygate.server.pages.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** {@code GET /refunds}: every payment's refunds, newest first, a page at a time. */
@PageController
public class RefundListPagesController {

  static final int PAGE = 30;

  private final JdbcRefundRepository repository;

  public RefundListPagesController(JdbcRefundRepository repository) {
    this.repository = repository;
  }

  @GetMapping("/refunds")
  public String list(
      @RequestParam(required = false) String status,
      @RequestParam(name = "after_payment", required = false) String afterPayment,
      @RequestParam(name = "after_refund", required = false) String afterRefund,
      Model model) {
    RefundStatus wanted = ListParameters.oneOf("status", status, RefundStatus.class);
    boolean cursor = afterPayment != null && afterRefund != null;
    ListPage<Refund> page =
        ListPage.of(
            repository
                .list(
                    java.util.Set.of(),
                    null,
                    wanted,
                    null,
                    null,
                    cursor ? afterPayment : null,
                    cursor ? afterRefund : null,
                    PAGE + 1)
                .stream()
                .map(JdbcRefundRepository.Listed::refund)
                .toList(),
            PAGE);
    model.addAttribute("refunds", page.data());
    model.addAttribute("status", wanted);
    if (page.hasMore()) {
      Refund last = page.data().get(page.data().size() - 1);
      model.addAttribute(
          "nextPage",
          UriComponentsBuilder.fromPath("/refunds")
              .queryParamIfPresent("status", java.util.Optional.ofNullable(status))
              .queryParam("after_payment", last.outTradeNo())
              .queryParam("after_refund", last.outRequestNo())
              .encode()
              .build()
              .toUriString());
    }
    return "refunds/refunds";
  }
}
