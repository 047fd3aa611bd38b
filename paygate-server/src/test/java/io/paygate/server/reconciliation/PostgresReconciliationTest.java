package io.paygate.server.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.paygate.core.channel.Product;
import io.paygate.core.money.Money;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.reconciliation.Books;
import io.paygate.core.reconciliation.Difference;
import io.paygate.core.reconciliation.DifferenceKind;
import io.paygate.core.reconciliation.Reconciliation;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundOrigin;
import io.paygate.core.refunds.RefundStatus;
import io.paygate.server.payments.JdbcPaymentRepository;
import io.paygate.server.postgres.EmbeddedPostgresServer;
import io.paygate.server.refunds.JdbcRefundRepository;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The V3 migration and the reconciliation SQL on a real PostgreSQL, without a whole server. */
class PostgresReconciliationTest {

  private static JdbcClient jdbc;
  private static TransactionTemplate transactions;

  @BeforeAll
  static void migrate() {
    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.shared();
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(postgres.jdbcUrl());
    dataSource.setUser(postgres.username());
    dataSource.setPassword(postgres.password());
    // The same history table as the server's: whichever test class comes first migrates.
    Flyway.configure().dataSource(dataSource).load().migrate();
    jdbc = JdbcClient.create(dataSource);
    transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  @Test
  void runsAreKeptWholeAndTheLatestIsRead() {
    JdbcReconciliationRepository repository =
        new JdbcReconciliationRepository(jdbc, new SimpleMeterRegistry());
    LocalDate day = LocalDate.of(2001, 1, 1 + (int) (Math.random() * 27));
    jdbc.sql(
            "DELETE FROM reconciliation_differences WHERE reconciliation_id IN"
                + " (SELECT id FROM reconciliations WHERE bill_date = ?)")
        .param(day)
        .update();
    jdbc.sql("DELETE FROM reconciliations WHERE bill_date = ?").param(day).update();
    Instant at = Instant.parse("2001-01-02T02:00:00.123Z");
    Reconciliation first =
        new Reconciliation(
            "alipay", "default", day, Reconciliation.Status.MATCHED, 2, 2, List.of(), at);
    Reconciliation second =
        new Reconciliation(
            "alipay",
            "default",
            day,
            Reconciliation.Status.MISMATCHED,
            2,
            1,
            List.of(
                new Difference(
                    DifferenceKind.MISSING_HERE,
                    "P1",
                    null,
                    "T1",
                    "PENDING 1.00",
                    "PAID 1.00",
                    true),
                new Difference(
                    DifferenceKind.REFUND_MISSING_AT_CHANNEL,
                    "P2",
                    "R1",
                    null,
                    "SUCCEEDED 2.00",
                    null,
                    false)),
            at.plusSeconds(60));

    repository.save(first);
    repository.save(second);

    assertThat(repository.findLatest("alipay", "default", day)).contains(second);
    // Another channel's app of the same name has its own bills.
    assertThat(repository.findLatest("wechatpay", "default", day)).isEmpty();
    assertThat(repository.findLatest("alipay", "default", day.minusYears(1))).isEmpty();
    assertThat(
            jdbc.sql(
                    "SELECT data_type FROM information_schema.columns"
                        + " WHERE table_name = 'reconciliations' AND column_name = 'bill_date'")
                .query(String.class)
                .single())
        .isEqualTo("date");
  }

  @Test
  void theBooksOfAWindowAreThePaidPaymentsAndSucceededRefundsInIt() {
    // The repositories store and return: they need nothing but the database.
    JdbcPaymentRepository payments = new JdbcPaymentRepository(jdbc);
    JdbcRefundRepository refunds = new JdbcRefundRepository(jdbc);
    String prefix = "PGR" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Instant from = Instant.parse("2001-03-01T16:00:00Z");
    Instant to = from.plusSeconds(86_400);
    payments.insert(payment(prefix + "IN", PaymentStatus.PARTIALLY_REFUNDED, from));
    payments.insert(payment(prefix + "END", PaymentStatus.PAID, to));
    payments.insert(payment(prefix + "OPEN", PaymentStatus.PENDING, null));
    // A succeeded refund is announced: written in a transaction, as its event must be.
    transactions.executeWithoutResult(
        status -> {
          refunds.insert(refund(prefix + "IN", "R1", RefundStatus.SUCCEEDED, to.minusMillis(1)));
          refunds.insert(refund(prefix + "IN", "R2", RefundStatus.PENDING, null));
        });

    JdbcBooks books = new JdbcBooks(jdbc);

    assertThat(books.paidBetween("alipay", "default", from, to))
        .filteredOn(p -> p.outTradeNo().startsWith(prefix))
        .containsExactly(
            new Books.BookedPayment(
                prefix + "IN",
                "T" + prefix + "IN",
                PaymentStatus.PARTIALLY_REFUNDED,
                Money.parse("10.00")));
    assertThat(books.refundedBetween("alipay", "default", from, to))
        .filteredOn(r -> r.outTradeNo().startsWith(prefix))
        .containsExactly(
            new Books.BookedRefund(
                prefix + "IN",
                "R1",
                "T" + prefix + "IN",
                RefundStatus.SUCCEEDED,
                Money.parse("1.00")));
  }

  private static Payment payment(String outTradeNo, PaymentStatus status, Instant paidAt) {
    Instant created = Instant.parse("2001-03-01T00:00:00Z");
    return new Payment(
        outTradeNo,
        "default",
        Product.PAGE,
        Money.parse("10.00"),
        "subject",
        null,
        status,
        paidAt == null ? null : "T" + outTradeNo,
        null,
        null,
        Money.ZERO,
        created,
        created,
        created.plusSeconds(7200),
        paidAt,
        null,
        null,
        "alipay");
  }

  private static Refund refund(
      String outTradeNo, String outRequestNo, RefundStatus status, Instant refundedAt) {
    Instant created = Instant.parse("2001-03-01T00:00:00Z");
    return new Refund(
        outTradeNo,
        outRequestNo,
        Money.parse("1.00"),
        null,
        status,
        null,
        null,
        created,
        created,
        refundedAt,
        RefundOrigin.PAYGATE);
  }
}
