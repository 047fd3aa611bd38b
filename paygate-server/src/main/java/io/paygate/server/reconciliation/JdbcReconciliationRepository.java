package io.paygate.server.reconciliation;

import static io.paygate.server.database.Times.column;
import static io.paygate.server.database.Times.read;

import io.micrometer.core.instrument.MeterRegistry;
import io.paygate.core.reconciliation.Difference;
import io.paygate.core.reconciliation.Reconciliation;
import io.paygate.core.reconciliation.ReconciliationRepository;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs in {@code reconciliations}, their differences in {@code reconciliation_differences}. The
 * core saves inside a transaction, so a run is kept whole or not at all.
 */
@Repository
public class JdbcReconciliationRepository implements ReconciliationRepository {

  private final JdbcClient jdbc;
  private final MeterRegistry meters;

  public JdbcReconciliationRepository(JdbcClient jdbc, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.meters = meters;
  }

  @Override
  public void save(Reconciliation run) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO reconciliations (channel, app, bill_date, status, trades_in_bill,"
                + " trades_here, created_at) VALUES (?,?,?,?,?,?,?)")
        .params(
            run.channel(),
            run.app(),
            run.billDate(),
            run.status().name(),
            run.tradesInBill(),
            run.tradesHere(),
            column(run.createdAt()))
        .update(key, "id");
    long id = key.getKeyAs(Long.class);
    int seq = 0;
    for (Difference d : run.differences()) {
      jdbc.sql(
              "INSERT INTO reconciliation_differences (reconciliation_id, seq, kind, out_trade_no,"
                  + " out_request_no, trade_no, ours, alipays, mended) VALUES (?,?,?,?,?,?,?,?,?)")
          .params(
              id,
              seq++,
              DifferenceNames.of(d.kind()),
              d.outTradeNo(),
              d.outRequestNo(),
              d.tradeNo(),
              d.ours(),
              d.channels(),
              d.mended())
          .update();
    }
    afterCommit(() -> count(run));
  }

  /** paygate_reconciliation_differences_total{kind, mended}: counted once the run is kept. */
  private void count(Reconciliation run) {
    for (Difference d : run.differences()) {
      meters
          .counter(
              "paygate.reconciliation.differences",
              "kind",
              DifferenceNames.of(d.kind()),
              "mended",
              Boolean.toString(d.mended()))
          .increment();
    }
  }

  private static void afterCommit(Runnable action) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      action.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            action.run();
          }
        });
  }

  @Override
  public Optional<Reconciliation> findLatest(String channel, String app, LocalDate billDate) {
    record Run(long id, Reconciliation reconciliation) {}
    return jdbc.sql(
            "SELECT id, channel, app, bill_date, status, trades_in_bill, trades_here, created_at"
                + " FROM reconciliations WHERE channel = ? AND app = ? AND bill_date = ?"
                + " ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
        .params(channel, app, billDate)
        .query(
            (row, i) ->
                new Run(
                    row.getLong("id"),
                    new Reconciliation(
                        row.getString("channel"),
                        row.getString("app"),
                        row.getObject("bill_date", LocalDate.class),
                        Reconciliation.Status.valueOf(row.getString("status")),
                        row.getInt("trades_in_bill"),
                        row.getInt("trades_here"),
                        List.of(),
                        read(row, "created_at"))))
        .optional()
        .map(run -> withDifferences(run.id(), run.reconciliation()));
  }

  private Reconciliation withDifferences(long id, Reconciliation run) {
    List<Difference> differences =
        jdbc.sql(
                "SELECT kind, out_trade_no, out_request_no, trade_no, ours, alipays, mended"
                    + " FROM reconciliation_differences WHERE reconciliation_id = ? ORDER BY seq")
            .param(id)
            .query(
                (row, i) ->
                    new Difference(
                        DifferenceNames.kind(row.getString("kind")),
                        row.getString("out_trade_no"),
                        row.getString("out_request_no"),
                        row.getString("trade_no"),
                        row.getString("ours"),
                        row.getString("alipays"),
                        row.getBoolean("mended")))
            .list();
    return new Reconciliation(
        run.channel(),
        run.app(),
        run.billDate(),
        run.status(),
        run.tradesInBill(),
        run.tradesHere(),
        differences,
        run.createdAt());
  }
}
