package io.paygate.server.reconciliation;

import io.paygate.core.reconciliation.Difference;
import io.paygate.core.reconciliation.Reconciliation;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A reconciliation run as the API shows it. Every key is always present, null or not. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReconciliationView(
    String channel,
    String app,
    String billDate,
    String status,
    int tradesInBill,
    int tradesHere,
    List<DifferenceView> differences,
    Instant createdAt) {

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record DifferenceView(
      String kind,
      String outTradeNo,
      String outRequestNo,
      String tradeNo,
      String ours,
      String alipays,
      boolean mended) {

    static DifferenceView of(Difference d) {
      return new DifferenceView(
          DifferenceNames.of(d.kind()),
          d.outTradeNo(),
          d.outRequestNo(),
          d.tradeNo(),
          d.ours(),
          d.channels(),
          d.mended());
    }
  }

  public static ReconciliationView of(Reconciliation r) {
    return new ReconciliationView(
        r.channel(),
        r.app(),
        r.billDate().toString(),
        r.status().name(),
        r.tradesInBill(),
        r.tradesHere(),
        r.differences().stream().map(DifferenceView::of).toList(),
        r.createdAt());
  }
}
