package io.paygate.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.core.channel.Buyer;
import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.TradeState;
import io.paygate.core.exchanges.Exchange;
import io.paygate.core.exchanges.ExchangeLog;
import io.paygate.core.money.Money;
import io.paygate.core.payments.Attention;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentRepository;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.payments.PaymentTransition;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundChange;
import io.paygate.core.refunds.RefundOrigin;
import io.paygate.core.refunds.RefundRepository;
import io.paygate.core.refunds.RefundStatus;
import io.paygate.core.transactions.Transactions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The repository ports' contract, written once and run against every implementation: the core's
 * in-memory fakes (the core's tests prove nothing if they behave otherwise), H2 and PostgreSQL. A
 * subclass gives the repositories under test and a way to start clean.
 *
 * <p>Changes are made in a transaction, as the services make them (the JDBC adapters require one).
 */
public abstract class RepositoryContract {

  /**
   * Nanoseconds on purpose: the databases keep microseconds and round to the nearest one (here up,
   * to .123457), they do not truncate.
   */
  protected static final Instant T0 = Instant.parse("2026-03-14T09:26:53.123456789Z");

  protected abstract PaymentRepository payments();

  protected abstract RefundRepository refunds();

  protected abstract ExchangeLog exchanges();

  protected abstract Transactions transactions();

  /** Empties the stores under test. */
  protected abstract void startClean();

  @BeforeEach
  void clean() {
    startClean();
  }

  @Test
  void aPaymentRoundTripsWithItsInstantsToTheMicrosecond() {
    Payment payment = pending(newNo(), "12.30");
    assertThat(payments().insert(payment)).isTrue();

    Payment found = payments().find(payment.outTradeNo()).orElseThrow();
    assertThat(found).isEqualTo(Stored.payment(payment));
    assertThat(found.totalAmount()).isEqualTo(Money.parse("12.30"));
    assertThat(found.createdAt()).isEqualTo(Instant.parse("2026-03-14T09:26:53.123457Z"));

    // An instant already in microseconds comes back exactly.
    String exact = newNo();
    Instant micros = Instant.parse("2026-03-14T23:59:59.999999Z");
    payments().insert(pending(exact, "1.00", micros));
    assertThat(payments().find(exact).orElseThrow().createdAt()).isEqualTo(micros);
    assertThat(payments().find("no-such-" + newNo())).isEmpty();
  }

  @Test
  void aPaymentKeepsItsChannelThroughItsChanges() {
    String no = newNo();
    Payment other = Stored.payment(pending(no, "3.00"));
    Payment atSecond =
        new Payment(
            no,
            other.app(),
            other.product(),
            other.totalAmount(),
            other.subject(),
            other.body(),
            other.status(),
            null,
            null,
            null,
            Money.ZERO,
            other.createdAt(),
            other.updatedAt(),
            other.expiresAt(),
            null,
            null,
            null,
            "wechatpay");
    payments().insert(atSecond);
    assertThat(payments().find(no).orElseThrow().channel()).isEqualTo("wechatpay");

    Payment paid =
        inTx(() -> payments().markPaid(atSecond, trade(no, "3.00", T0), T0)).orElseThrow();
    assertThat(paid.channel()).isEqualTo("wechatpay");
    assertThat(inTx(() -> payments().lock(no)).orElseThrow().channel()).isEqualTo("wechatpay");
    assertThat(payments().findByTradeNo(paid.tradeNo()).orElseThrow().channel())
        .isEqualTo("wechatpay");

    String first = newNo();
    payments().insert(pending(first, "1.00"));
    assertThat(payments().find(first).orElseThrow().channel()).isEqualTo("alipay");
  }

  @Test
  void anAnyPaymentsWayOpensFromTheWayTheCallerReadOnly() {
    String no = newNo();
    Payment pending = pending(no, "2.00");
    Payment any =
        new Payment(
            no,
            pending.app(),
            Product.ANY,
            pending.totalAmount(),
            pending.subject(),
            null,
            PaymentStatus.PENDING,
            null,
            null,
            null,
            Money.ZERO,
            T0,
            T0,
            pending.expiresAt(),
            null,
            null,
            null,
            "ledger");
    payments().insert(any);
    Payment read = payments().find(no).orElseThrow();
    assertThat(read.way()).isNull();
    assertThat(read.carrier()).isNull();

    Buyer buyer = new Buyer("2088000000000042", null, null);
    Payment jsapi =
        inTx(() ->
                payments().openWay(read, read.channel(), Product.JSAPI, buyer, T0.plusSeconds(1)))
            .orElseThrow();
    assertThat(payments().find(no).orElseThrow())
        .extracting(Payment::way, Payment::buyer, Payment::carrier)
        .containsExactly(Product.JSAPI, buyer, Product.JSAPI);
    // A second arrival that read the payment before the first changed it changes nothing.
    assertThat(
            inTx(
                () ->
                    payments().openWay(read, read.channel(), Product.QR, null, T0.plusSeconds(2))))
        .isEmpty();
    // From the way (and buyer) now open, another opens, and the buyer goes with its way.
    Payment qr =
        inTx(() -> payments().openWay(jsapi, jsapi.channel(), Product.QR, null, T0.plusSeconds(3)))
            .orElseThrow();
    assertThat(payments().find(no).orElseThrow())
        .extracting(Payment::way, Payment::buyer)
        .containsExactly(Product.QR, null);
    // A way at another channel moves the payment there, from the channel the caller read only.
    inTx(() -> payments().openWay(qr, "other", Product.QR, null, T0.plusSeconds(4))).orElseThrow();
    assertThat(payments().find(no).orElseThrow())
        .extracting(Payment::channel, Payment::way)
        .containsExactly("other", Product.QR);
    assertThat(inTx(() -> payments().openWay(qr, "ledger", Product.WAP, null, T0.plusSeconds(5))))
        .isEmpty();
    assertThat(payments().find(no).orElseThrow().channel()).isEqualTo("other");
  }

  @Test
  void aTakenOutTradeNoIsRefusedAndTheFirstPaymentStays() {
    String no = newNo();
    assertThat(payments().insert(pending(no, "1.00"))).isTrue();
    assertThat(payments().insert(pending(no, "2.00"))).isFalse();
    assertThat(payments().find(no).orElseThrow().totalAmount()).isEqualTo(Money.parse("1.00"));
  }

  @Test
  void lockReadsThePaymentInsideATransaction() {
    String no = newNo();
    payments().insert(pending(no, "3.00"));
    Payment locked = inTx(() -> payments().lock(no).orElseThrow());
    assertThat(locked.outTradeNo()).isEqualTo(no);
    assertThat(locked.status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(locked).isEqualTo(payments().find(no).orElseThrow());
    Optional<Payment> missing = inTx(() -> payments().lock("no-such-" + no));
    assertThat(missing).isEmpty();
  }

  @Test
  void markPaidRecordsTheTradeOnceAndIsFoundByTradeNo() {
    String no = newNo();
    payments().insert(pending(no, "9.99"));
    Instant at = T0.plusSeconds(60);
    ChannelTrade trade = trade(no, "9.99", T0.plusSeconds(30));

    Payment open = payments().find(no).orElseThrow();
    assertThat(inTx(() -> payments().markPaid(open, trade, at).isPresent())).isTrue();
    assertThat(inTx(() -> payments().markPaid(open, trade, at.plusSeconds(1)).isPresent()))
        .isFalse();

    Payment paid = payments().find(no).orElseThrow();
    assertThat(paid.status()).isEqualTo(PaymentStatus.PAID);
    assertThat(paid.tradeNo()).isEqualTo(trade.tradeNo());
    assertThat(paid.buyerLogonId()).isEqualTo("buyer@example.com");
    assertThat(paid.buyerId()).isEqualTo("2088000000000001");
    assertThat(paid.paidAt()).isEqualTo(Stored.instant(T0.plusSeconds(30)));
    assertThat(paid.updatedAt()).isEqualTo(Stored.instant(at));
    assertThat(payments().findByTradeNo(trade.tradeNo()).orElseThrow().outTradeNo()).isEqualTo(no);
    assertThat(payments().findByTradeNo("no-such-" + trade.tradeNo())).isEmpty();
  }

  @Test
  void aTradeNumberIsOnePaymentsOnly() {
    String first = newNo();
    String second = newNo();
    payments().insert(pending(first, "1.00"));
    payments().insert(pending(second, "1.00"));
    ChannelTrade trade = trade(first, "1.00", T0);
    Payment firstOpen = payments().find(first).orElseThrow();
    assertThat(inTx(() -> payments().markPaid(firstOpen, trade, T0).isPresent())).isTrue();

    // The same trade number for another payment changes nothing.
    Payment secondOpen = payments().find(second).orElseThrow();
    assertThat(inTx(() -> payments().markPaid(secondOpen, trade, T0).isPresent())).isFalse();
    assertThat(payments().find(second).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(payments().findByTradeNo(trade.tradeNo()).orElseThrow().outTradeNo())
        .isEqualTo(first);
  }

  @Test
  void closingTwiceChangesNothingTheSecondTimeAndAPaymentCanStillBePaidAfterClosing() {
    String no = newNo();
    Payment pendingOne = pending(no, "5.00");
    payments().insert(pendingOne);
    Instant closedAt = T0.plusSeconds(120);

    // A refund transition does not start from PENDING.
    assertThat(
            inTx(
                () ->
                    payments()
                        .apply(pendingOne, PaymentTransition.REFUND_ALL, closedAt)
                        .isPresent()))
        .isFalse();
    assertThat(
            inTx(() -> payments().apply(pendingOne, PaymentTransition.CLOSE, closedAt).isPresent()))
        .isTrue();
    Payment closed = payments().find(no).orElseThrow();
    assertThat(closed.status()).isEqualTo(PaymentStatus.CLOSED);
    assertThat(closed.closedAt()).isEqualTo(Stored.instant(closedAt));

    assertThat(
            inTx(
                () ->
                    payments()
                        .apply(closed, PaymentTransition.CLOSE, closedAt.plusSeconds(5))
                        .isPresent()))
        .isFalse();
    assertThat(payments().find(no).orElseThrow()).isEqualTo(closed);

    // A refund transition does not start from CLOSED either.
    assertThat(
            inTx(
                () -> payments().apply(closed, PaymentTransition.REFUND_ALL, closedAt).isPresent()))
        .isFalse();

    assertThat(
            inTx(
                () ->
                    payments()
                        .markPaid(closed, trade(no, "5.00", null), closedAt.plusSeconds(9))
                        .isPresent()))
        .isTrue();
    Payment paid = payments().find(no).orElseThrow();
    assertThat(paid.status()).isEqualTo(PaymentStatus.PAID);
    assertThat(paid.paidAt()).isEqualTo(Stored.instant(closedAt.plusSeconds(9)));
  }

  @Test
  void refundsAreBookedOnThePaymentAndAFlagIsWrittenOnlyWhenItChanges() {
    String no = paid("10.00");
    Payment payment = payments().find(no).orElseThrow();
    Instant at = T0.plusSeconds(200);

    assertThat(
            inTx(
                () ->
                    payments()
                        .bookRefunds(
                            payment, Money.parse("4.00"), PaymentTransition.REFUND_PART, at)
                        .isPresent()))
        .isTrue();
    Payment part = payments().find(no).orElseThrow();
    assertThat(part.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
    assertThat(part.refundedAmount()).isEqualTo(Money.parse("4.00"));
    assertThat(part.updatedAt()).isEqualTo(Stored.instant(at));
    assertThat(
            inTx(
                () ->
                    payments()
                        .bookRefunds(part, Money.parse("10.00"), PaymentTransition.REFUND_ALL, at)
                        .isPresent()))
        .isTrue();
    Payment all = payments().find(no).orElseThrow();
    assertThat(all.status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(all.refundedAmount()).isEqualTo(Money.parse("10.00"));
    // Nothing moves on from REFUNDED.
    assertThat(
            inTx(
                () ->
                    payments()
                        .bookRefunds(all, Money.parse("10.00"), PaymentTransition.REFUND_ALL, at)
                        .isPresent()))
        .isFalse();

    assertThat(inTx(() -> payments().flag(all, Attention.AMOUNT_MISMATCH, at.plusSeconds(1))))
        .isPresent();
    assertThat(inTx(() -> payments().flag(all, Attention.AMOUNT_MISMATCH, at.plusSeconds(2))))
        .isEmpty();
    Payment flagged = payments().find(no).orElseThrow();
    assertThat(flagged.attention()).isEqualTo(Attention.AMOUNT_MISMATCH);
    assertThat(flagged.updatedAt()).isEqualTo(Stored.instant(at.plusSeconds(1)));
    // The latest reason wins.
    assertThat(inTx(() -> payments().flag(flagged, Attention.PAID_AFTER_CLOSE, at.plusSeconds(3))))
        .isPresent();
    assertThat(payments().find(no).orElseThrow().attention()).isEqualTo(Attention.PAID_AFTER_CLOSE);
  }

  @Test
  void refundsAreSummedByStatusAndSettledConditionally() {
    String no = paid("10.00");
    String other = paid("80.00");
    inTx(
        () -> {
          refunds().insert(refund(no, "r1", "1.50", T0));
          refunds().insert(refund(no, "r2", "2.25", T0.plusSeconds(1)));
          refunds().insert(refund(no, "r3", "3.00", T0.plusSeconds(2)));
          refunds().insert(refund(other, "r1", "80.00", T0));
          return null;
        });
    assertThat(refunds().sumReserved(no)).isEqualTo(Money.parse("6.75"));
    assertThat(refunds().sumSucceeded(no)).isEqualTo(Money.ZERO);
    assertThat(refunds().sumReserved("no-such-" + no)).isEqualTo(Money.ZERO);

    Instant settledAt = T0.plusSeconds(300);
    assertThat(
            inTx(
                () ->
                    refunds()
                        .settle(
                            refunds().find(no, "r1").orElseThrow(),
                            RefundChange.confirm(settledAt, settledAt))
                        .isPresent()))
        .isTrue();
    assertThat(
            inTx(
                () ->
                    refunds()
                        .settle(
                            refunds().find(no, "r1").orElseThrow(),
                            RefundChange.fail("X", "x", settledAt))
                        .isPresent()))
        .isFalse();
    assertThat(
            inTx(
                () ->
                    refunds()
                        .settle(
                            refunds().find(no, "r2").orElseThrow(),
                            RefundChange.fail("REFUND_AMT_NOT_EQUAL", "没有", settledAt))
                        .isPresent()))
        .isTrue();
    // A failed refund does not fail again.
    assertThat(
            inTx(
                () ->
                    refunds()
                        .settle(
                            refunds().find(no, "r2").orElseThrow(),
                            RefundChange.fail("X", "x", settledAt))
                        .isPresent()))
        .isFalse();

    assertThat(refunds().sumSucceeded(no)).isEqualTo(Money.parse("1.50"));
    assertThat(refunds().sumReserved(no)).isEqualTo(Money.parse("4.50"));
    assertThat(refunds().sumSucceeded(other)).isEqualTo(Money.ZERO);
    assertThat(refunds().sumReserved(other)).isEqualTo(Money.parse("80.00"));

    Refund succeeded = refunds().find(no, "r1").orElseThrow();
    assertThat(succeeded.status()).isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(succeeded.refundedAt()).isEqualTo(Stored.instant(settledAt));
    assertThat(succeeded.updatedAt()).isEqualTo(Stored.instant(settledAt));
    assertThat(succeeded.createdAt()).isEqualTo(Stored.instant(T0));

    Refund failed = refunds().find(no, "r2").orElseThrow();
    assertThat(failed.status()).isEqualTo(RefundStatus.FAILED);
    assertThat(failed.failureCode()).isEqualTo("REFUND_AMT_NOT_EQUAL");
    assertThat(failed.failureMessage()).isEqualTo("没有");
    assertThat(failed.refundedAt()).isNull();

    assertThat(refunds().find(no, "r3").orElseThrow())
        .isEqualTo(Stored.refund(refund(no, "r3", "3.00", T0.plusSeconds(2))));
    assertThat(refunds().find(no, "r4")).isEmpty();
    assertThat(refunds().findByPayment(no))
        .extracting(Refund::outRequestNo)
        .containsExactly("r1", "r2", "r3");
  }

  @Test
  void aTakenRefundNumberIsRefusedAndARefundNeedsItsPayment() {
    String no = paid("10.00");
    inTx(
        () -> {
          refunds().insert(refund(no, "r1", "1.00", T0));
          return null;
        });

    assertThatThrownBy(
            () ->
                inTx(
                    () -> {
                      refunds().insert(refund(no, "r1", "2.00", T0));
                      return null;
                    }))
        .isInstanceOf(RuntimeException.class);
    assertThat(refunds().find(no, "r1").orElseThrow().refundAmount())
        .isEqualTo(Money.parse("1.00"));

    // The same number under another payment is another refund.
    String other = paid("10.00");
    inTx(
        () -> {
          refunds().insert(refund(other, "r1", "3.00", T0));
          return null;
        });
    assertThat(refunds().find(other, "r1").orElseThrow().refundAmount())
        .isEqualTo(Money.parse("3.00"));

    assertThatThrownBy(
            () ->
                inTx(
                    () -> {
                      refunds().insert(refund("no-such-" + no, "r1", "1.00", T0));
                      return null;
                    }))
        .isInstanceOf(RuntimeException.class);
    assertThat(refunds().findByPayment("no-such-" + no)).isEmpty();
  }

  @Test
  void refundsAreListedInTheOrderTheyWereCreated() {
    String no = paid("10.00");
    inTx(
        () -> {
          refunds().insert(refund(no, "late", "1.00", T0.plusSeconds(20)));
          refunds().insert(refund(no, "early", "1.00", T0.plusSeconds(10)));
          return null;
        });
    assertThat(refunds().findByPayment(no))
        .extracting(Refund::outRequestNo)
        .containsExactly("early", "late");
  }

  @Test
  void aChangeIsMadeOnlyInATransaction() {
    // Its announced fact must commit with it; a new payment needs none.
    String no = newNo();
    Payment open = pending(no, "2.00");
    assertThat(payments().insert(open)).isTrue();

    assertThatThrownBy(() -> payments().apply(open, PaymentTransition.CLOSE, T0))
        .isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> payments().markPaid(open, trade(no, "2.00", T0), T0))
        .isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> payments().flag(open, Attention.AMOUNT_MISMATCH, T0))
        .isInstanceOf(RuntimeException.class);
    assertThatThrownBy(
            () -> payments().bookRefunds(open, Money.ZERO, PaymentTransition.REFUND_PART, T0))
        .isInstanceOf(RuntimeException.class);
    assertThat(payments().find(no).orElseThrow()).isEqualTo(Stored.payment(open));

    String paid = paid("2.00");
    assertThatThrownBy(() -> refunds().insert(refund(paid, "r1", "1.00", T0)))
        .isInstanceOf(RuntimeException.class);
    assertThat(refunds().findByPayment(paid)).isEmpty();
    inTx(
        () -> {
          refunds().insert(refund(paid, "r1", "1.00", T0));
          return null;
        });
    Refund pendingRefund = refunds().find(paid, "r1").orElseThrow();
    assertThatThrownBy(() -> refunds().settle(pendingRefund, RefundChange.confirm(T0, T0)))
        .isInstanceOf(RuntimeException.class);
    assertThat(refunds().find(paid, "r1").orElseThrow().status()).isEqualTo(RefundStatus.PENDING);
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
    Exchange earlier =
        new Exchange(
            T0.minusMillis(5), Exchange.Direction.OUTBOUND, "earlier", no, "", "", "ok", 1);
    exchanges().record(query);
    exchanges().record(notify);
    exchanges().record(earlier);
    exchanges()
        .record(new Exchange(T0, Exchange.Direction.OUTBOUND, "other", newNo(), "", "", "ok", 1));

    List<Exchange> recorded = exchanges().forPayment(no);
    assertThat(recorded)
        .extracting(Exchange::operation)
        .containsExactly("earlier", "alipay.trade.query", "notify");
    assertThat(recorded.get(1))
        .isEqualTo(
            new Exchange(
                Stored.instant(T0),
                Exchange.Direction.OUTBOUND,
                "alipay.trade.query",
                no,
                "{\"q\":1}",
                "{}",
                "ok",
                42));
    assertThat(recorded.get(2).at()).isEqualTo(Stored.instant(T0.plusMillis(5)));
    assertThat(recorded.get(2).request()).hasSize(Stored.EXCHANGE_TEXT); // clipped
    assertThat(recorded.get(2).response()).isNull();
    assertThat(exchanges().forPayment("no-such-" + no)).isEmpty();
  }

  // -- helpers

  protected <T> T inTx(Supplier<T> work) {
    return transactions().inTransaction(work);
  }

  /** A paid payment's number. */
  protected String paid(String amount) {
    String no = newNo();
    Payment open = pending(no, amount);
    assertThat(payments().insert(open)).isTrue();
    assertThat(inTx(() -> payments().markPaid(open, trade(no, amount, T0), T0).isPresent()))
        .isTrue();
    return no;
  }

  /** A number no other test uses, so implementations that cannot start clean stay apart too. */
  public static String newNo() {
    return "PG" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
  }

  public static Payment pending(String no, String amount) {
    return pending(no, amount, T0);
  }

  protected static Payment pending(String no, String amount, Instant createdAt) {
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
        null,
        "alipay");
  }

  protected static ChannelTrade trade(String no, String amount, Instant paidAt) {
    return new ChannelTrade(
        no,
        "2026" + no,
        TradeState.PAID,
        Money.parse(amount),
        "buyer@example.com",
        "2088000000000001",
        paidAt);
  }

  protected static Refund refund(String no, String requestNo, String amount, Instant createdAt) {
    return new Refund(
        no,
        requestNo,
        Money.parse(amount),
        "退款 reason",
        RefundStatus.PENDING,
        null,
        null,
        createdAt,
        createdAt,
        null,
        RefundOrigin.PAYGATE);
  }
}
