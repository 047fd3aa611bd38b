package io.paygate.server.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.TradeState;
import io.paygate.core.exchanges.Exchange;
import io.paygate.core.money.Money;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.payments.PaymentTransition;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundChange;
import io.paygate.core.refunds.RefundOrigin;
import io.paygate.core.refunds.RefundStatus;
import io.paygate.server.exchanges.JdbcExchangeLog;
import io.paygate.server.payments.JdbcPaymentRepository;
import io.paygate.server.refunds.JdbcRefundRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The JDBC repositories behave on PostgreSQL as on H2. */
class PostgresRepositoriesTest extends PostgresTestSupport {

  /**
   * Nanoseconds on purpose: PostgreSQL keeps microseconds and rounds to the nearest one (here up,
   * to .123457), it does not truncate.
   */
  private static final Instant T0 = Instant.parse("2026-03-14T09:26:53.123456789Z");

  @Autowired JdbcPaymentRepository payments;
  @Autowired JdbcRefundRepository refunds;
  @Autowired JdbcExchangeLog exchanges;
  @Autowired TransactionTemplate transactions;

  @Test
  void aPaymentRoundTripsWithItsInstantsToTheMicrosecond() {
    Payment payment = pending(newNo(), "12.30");
    assertThat(payments.insert(payment)).isTrue();

    Payment found = payments.find(payment.outTradeNo()).orElseThrow();
    assertThat(found).isEqualTo(micros(payment));
    assertThat(found.totalAmount()).isEqualTo(Money.parse("12.30"));
    assertThat(found.createdAt()).isEqualTo(Instant.parse("2026-03-14T09:26:53.123457Z"));

    // An instant already in microseconds comes back exactly.
    String exact = newNo();
    Instant micros = Instant.parse("2026-03-14T23:59:59.999999Z");
    payments.insert(pending(exact, "1.00", micros));
    assertThat(payments.find(exact).orElseThrow().createdAt()).isEqualTo(micros);
    assertThat(payments.find("no-such-" + newNo())).isEmpty();
  }

  @Test
  void aTakenOutTradeNoIsRefusedAndTheFirstPaymentStays() {
    String no = newNo();
    assertThat(payments.insert(pending(no, "1.00"))).isTrue();
    assertThat(payments.insert(pending(no, "2.00"))).isFalse();
    assertThat(payments.find(no).orElseThrow().totalAmount()).isEqualTo(Money.parse("1.00"));
  }

  @Test
  void lockReadsThePaymentInsideATransaction() {
    String no = newNo();
    payments.insert(pending(no, "3.00"));
    Payment locked = transactions.execute(status -> payments.lock(no).orElseThrow());
    assertThat(locked.outTradeNo()).isEqualTo(no);
    assertThat(locked.status()).isEqualTo(PaymentStatus.PENDING);
    Optional<Payment> missing = transactions.execute(status -> payments.lock("no-such-" + no));
    assertThat(missing).isEmpty();
  }

  @Test
  void markPaidRecordsTheTradeOnceAndIsFoundByTradeNo() {
    String no = newNo();
    payments.insert(pending(no, "9.99"));
    Instant at = T0.plusSeconds(60);
    ChannelTrade trade = trade(no, "9.99", T0.plusSeconds(30));

    Payment open = payments.find(no).orElseThrow();
    assertThat(inTx(() -> payments.markPaid(open, trade, at).isPresent())).isTrue();
    assertThat(inTx(() -> payments.markPaid(open, trade, at.plusSeconds(1)).isPresent())).isFalse();

    Payment paid = payments.find(no).orElseThrow();
    assertThat(paid.status()).isEqualTo(PaymentStatus.PAID);
    assertThat(paid.tradeNo()).isEqualTo(trade.tradeNo());
    assertThat(paid.buyerLogonId()).isEqualTo("buyer@example.com");
    assertThat(paid.buyerId()).isEqualTo("2088000000000001");
    assertThat(paid.paidAt()).isEqualTo(micros(T0.plusSeconds(30)));
    assertThat(paid.updatedAt()).isEqualTo(micros(at));
    assertThat(payments.findByTradeNo(trade.tradeNo()).orElseThrow().outTradeNo()).isEqualTo(no);
  }

  @Test
  void closingTwiceChangesNothingTheSecondTimeAndAPaymentCanStillBePaidAfterClosing() {
    String no = newNo();
    Payment pendingOne = pending(no, "5.00");
    payments.insert(pendingOne);
    Instant closedAt = T0.plusSeconds(120);

    assertThat(
            inTx(() -> payments.apply(pendingOne, PaymentTransition.CLOSE, closedAt).isPresent()))
        .isTrue();
    Payment closed = payments.find(no).orElseThrow();
    assertThat(closed.status()).isEqualTo(PaymentStatus.CLOSED);
    assertThat(closed.closedAt()).isEqualTo(micros(closedAt));

    assertThat(
            inTx(
                () ->
                    payments
                        .apply(closed, PaymentTransition.CLOSE, closedAt.plusSeconds(5))
                        .isPresent()))
        .isFalse();
    assertThat(payments.find(no).orElseThrow()).isEqualTo(closed);

    // A refund transition does not start from CLOSED either.
    assertThat(
            inTx(() -> payments.apply(closed, PaymentTransition.REFUND_ALL, closedAt).isPresent()))
        .isFalse();

    assertThat(
            inTx(
                () ->
                    payments
                        .markPaid(closed, trade(no, "5.00", null), closedAt.plusSeconds(9))
                        .isPresent()))
        .isTrue();
    Payment paid = payments.find(no).orElseThrow();
    assertThat(paid.status()).isEqualTo(PaymentStatus.PAID);
    assertThat(paid.paidAt()).isEqualTo(micros(closedAt.plusSeconds(9)));
  }

  @Test
  void refundsAreSummedByStatusAndSettledConditionally() {
    String no = paid("10.00");
    transactions.executeWithoutResult(
        status -> {
          refunds.insert(refund(no, "r1", "1.50"));
          refunds.insert(refund(no, "r2", "2.25"));
          refunds.insert(refund(no, "r3", "3.00"));
        });
    assertThat(refunds.sumReserved(no)).isEqualTo(Money.parse("6.75"));
    assertThat(refunds.sumSucceeded(no)).isEqualTo(Money.ZERO);
    assertThat(refunds.sumReserved("no-such-" + no)).isEqualTo(Money.ZERO);

    Instant settledAt = T0.plusSeconds(300);
    assertThat(
            inTx(
                () ->
                    refunds
                        .settle(
                            refunds.find(no, "r1").orElseThrow(),
                            RefundChange.confirm(settledAt, settledAt))
                        .isPresent()))
        .isTrue();
    assertThat(
            inTx(
                () ->
                    refunds
                        .settle(
                            refunds.find(no, "r1").orElseThrow(),
                            RefundChange.fail("X", "x", settledAt))
                        .isPresent()))
        .isFalse();
    assertThat(
            inTx(
                () ->
                    refunds
                        .settle(
                            refunds.find(no, "r2").orElseThrow(),
                            RefundChange.fail("REFUND_AMT_NOT_EQUAL", "没有", settledAt))
                        .isPresent()))
        .isTrue();

    assertThat(refunds.sumSucceeded(no)).isEqualTo(Money.parse("1.50"));
    assertThat(refunds.sumReserved(no)).isEqualTo(Money.parse("4.50"));

    Refund succeeded = refunds.find(no, "r1").orElseThrow();
    assertThat(succeeded.status()).isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(succeeded.refundedAt()).isEqualTo(micros(settledAt));
    assertThat(succeeded.updatedAt()).isEqualTo(micros(settledAt));
    assertThat(succeeded.createdAt()).isEqualTo(micros(T0));

    Refund failed = refunds.find(no, "r2").orElseThrow();
    assertThat(failed.status()).isEqualTo(RefundStatus.FAILED);
    assertThat(failed.failureCode()).isEqualTo("REFUND_AMT_NOT_EQUAL");
    assertThat(failed.failureMessage()).isEqualTo("没有");
    assertThat(failed.refundedAt()).isNull();

    assertThat(refunds.find(no, "r3").orElseThrow()).isEqualTo(micros(refund(no, "r3", "3.00")));
    assertThat(refunds.findByPayment(no))
        .extracting(Refund::outRequestNo)
        .containsExactlyInAnyOrder("r1", "r2", "r3");
  }

  @Test
  void exchangesAreRecordedAndListedOldestFirst() {
    String no = newNo();
    Exchange query =
        new Exchange(
            T0, Exchange.Direction.OUTBOUND, "alipay.trade.query", no, "{\"q\":1}", "{}", "ok", 42);
    Exchange notify =
        new Exchange(
            T0.plusMillis(5),
            Exchange.Direction.INBOUND,
            "notify",
            no,
            "x".repeat(9000),
            null,
            "rejected",
            0);
    exchanges.record(query);
    exchanges.record(notify);
    exchanges.record(
        new Exchange(T0, Exchange.Direction.OUTBOUND, "other", newNo(), "", "", "ok", 1));

    var recorded = exchanges.forPayment(no);
    assertThat(recorded).hasSize(2);
    assertThat(recorded.get(0))
        .isEqualTo(
            new Exchange(
                micros(T0),
                Exchange.Direction.OUTBOUND,
                "alipay.trade.query",
                no,
                "{\"q\":1}",
                "{}",
                "ok",
                42));
    assertThat(recorded.get(1).at()).isEqualTo(micros(T0.plusMillis(5)));
    assertThat(recorded.get(1).request()).hasSize(8000); // clipped, as on H2
    assertThat(recorded.get(1).response()).isNull();
  }

  // -- helpers

  /** Announced changes are made in a transaction, as the services make them. */
  private <T> T inTx(java.util.function.Supplier<T> work) {
    return transactions.execute(status -> work.get());
  }

  private String paid(String amount) {
    String no = newNo();
    Payment open = pending(no, amount);
    assertThat(payments.insert(open)).isTrue();
    assertThat(inTx(() -> payments.markPaid(open, trade(no, amount, T0), T0).isPresent())).isTrue();
    return no;
  }

  static String newNo() {
    return "PG" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
  }

  static Payment pending(String no, String amount) {
    return pending(no, amount, T0);
  }

  private static Payment pending(String no, String amount, Instant createdAt) {
    return new Payment(
        no,
        "default",
        Product.PAGE,
        Money.parse(amount),
        "测试商品 Test item",
        null,
        PaymentStatus.PENDING,
        null,
        null,
        null,
        Money.ZERO,
        createdAt,
        createdAt,
        createdAt.plus(Duration.ofHours(2)),
        null,
        null,
        null);
  }

  private static ChannelTrade trade(String no, String amount, Instant paidAt) {
    return new ChannelTrade(
        no,
        "2026" + no,
        TradeState.PAID,
        Money.parse(amount),
        "buyer@example.com",
        "2088000000000001",
        paidAt);
  }

  private static Refund refund(String no, String requestNo, String amount) {
    return new Refund(
        no,
        requestNo,
        Money.parse(amount),
        "退款 reason",
        RefundStatus.PENDING,
        null,
        null,
        T0,
        T0,
        null,
        RefundOrigin.PAYGATE);
  }

  /** What PostgreSQL keeps of an instant: the nearest microsecond. */
  private static Instant micros(Instant instant) {
    return instant.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
  }

  private static Payment micros(Payment p) {
    return new Payment(
        p.outTradeNo(),
        "default",
        p.product(),
        p.totalAmount(),
        p.subject(),
        p.body(),
        p.status(),
        p.tradeNo(),
        p.buyerLogonId(),
        p.buyerId(),
        p.refundedAmount(),
        micros(p.createdAt()),
        micros(p.updatedAt()),
        micros(p.expiresAt()),
        p.paidAt() == null ? null : micros(p.paidAt()),
        p.closedAt() == null ? null : micros(p.closedAt()),
        p.attention());
  }

  private static Refund micros(Refund r) {
    return new Refund(
        r.outTradeNo(),
        r.outRequestNo(),
        r.refundAmount(),
        r.reason(),
        r.status(),
        r.failureCode(),
        r.failureMessage(),
        micros(r.createdAt()),
        micros(r.updatedAt()),
        r.refundedAt() == null ? null : micros(r.refundedAt()),
        r.origin());
  }
}
