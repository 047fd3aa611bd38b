package io.paygate.core.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.core.channel.BillEntry;
import io.paygate.core.channel.BillLookup;
import io.paygate.core.channel.ChannelBill;
import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.channel.Channels;
import io.paygate.core.channel.MerchantApps;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.RefundLookup;
import io.paygate.core.channel.TradeState;
import io.paygate.core.checks.CheckSchedule;
import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.money.Money;
import io.paygate.core.numbers.Identifiers;
import io.paygate.core.payments.Attention;
import io.paygate.core.payments.BookEvents;
import io.paygate.core.payments.PaidAfterClose;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentService;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.payments.TradeReconciler;
import io.paygate.core.refunds.PaidAfterCloseRefunds;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundOrigin;
import io.paygate.core.refunds.RefundService;
import io.paygate.core.refunds.RefundSettlement;
import io.paygate.core.refunds.RefundStatus;
import io.paygate.core.testing.DirectTransactions;
import io.paygate.core.testing.FakeChannel;
import io.paygate.core.testing.InMemoryPaymentRepository;
import io.paygate.core.testing.InMemoryRefundRepository;
import io.paygate.core.testing.RecordingCheckSchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BillReconcilerTest {

  private static final LocalDate DAY = LocalDate.parse("2026-06-05");

  /** The day in Beijing time: 00:00 +08:00 is 16:00 UTC the day before. */
  private static final Instant FROM = Instant.parse("2026-06-04T16:00:00Z");

  private static final Instant TO = Instant.parse("2026-06-05T16:00:00Z");
  private static final Instant NOON = Instant.parse("2026-06-05T04:00:00Z");

  private final Clock clock = Clock.fixed(Instant.parse("2026-06-06T02:00:00Z"), ZoneOffset.UTC);
  private final DirectTransactions direct = new DirectTransactions();
  private final InMemoryPaymentRepository payments = new InMemoryPaymentRepository(direct);
  private final InMemoryRefundRepository refunds = new InMemoryRefundRepository(payments, direct);
  private final FakeChannel channel = new FakeChannel(clock);
  private final List<Reconciliation> saved = new ArrayList<>();
  private final List<BillEntry> bill = new ArrayList<>();

  private final BillReconciler reconciler = reconciler();

  private BillReconciler reconciler() {
    CheckSchedule checks = new RecordingCheckSchedule();
    Identifiers identifiers = new Identifiers(clock);
    RefundSettlement settlement = new RefundSettlement(refunds, payments, BookEvents.NONE, clock);
    TradeReconciler trades =
        new TradeReconciler(
            payments,
            new PaidAfterCloseRefunds(refunds, settlement, checks),
            PaidAfterClose.REFUND,
            BookEvents.NONE);
    PaymentService paymentService =
        new PaymentService(
            payments,
            Channels.single(channel),
            trades,
            direct,
            identifiers,
            checks,
            clock,
            Duration.ofHours(2),
            BookEvents.NONE);
    RefundService refundService =
        new RefundService(
            payments,
            refunds,
            settlement,
            Channels.single(channel),
            direct,
            identifiers,
            checks,
            clock);
    Books books =
        new Books() {
          @Override
          public List<Books.BookedPayment> paidBetween(
              String channel, String app, Instant from, Instant to) {
            return payments.all().stream()
                .filter(
                    p ->
                        p.channel().equals(channel)
                            && p.app().equals(app)
                            && p.isPaid()
                            && within(p.paidAt(), from, to))
                .map(Books.BookedPayment::of)
                .toList();
          }

          @Override
          public List<Books.BookedRefund> refundedBetween(
              String channel, String app, Instant from, Instant to) {
            return refunds.all().stream()
                .filter(
                    r ->
                        r.status() == RefundStatus.SUCCEEDED
                            && within(r.refundedAt(), from, to)
                            && payments.get(r.outTradeNo()).channel().equals(channel)
                            && payments.get(r.outTradeNo()).app().equals(app))
                .map(r -> Books.BookedRefund.of(r, payments.get(r.outTradeNo()).tradeNo()))
                .toList();
          }
        };
    ReconciliationRepository repository =
        new ReconciliationRepository() {
          @Override
          public void save(Reconciliation reconciliation) {
            saved.add(reconciliation);
          }

          @Override
          public Optional<Reconciliation> findLatest(
              String channel, String app, LocalDate billDate) {
            return saved.stream()
                .filter(
                    r ->
                        r.channel().equals(channel)
                            && r.app().equals(app)
                            && r.billDate().equals(billDate))
                .max(Comparator.comparingInt(saved::indexOf));
          }
        };
    return new BillReconciler(
        Channels.single(channel),
        books,
        payments,
        refunds,
        paymentService,
        refundService,
        settlement,
        direct,
        repository,
        clock);
  }

  private static boolean within(Instant at, Instant from, Instant to) {
    return at != null && !at.isBefore(from) && at.isBefore(to);
  }

  // --- our books ---

  private void payment(String outTradeNo, String amount, PaymentStatus status, Instant paidAt) {
    payments.insert(
        new Payment(
            outTradeNo,
            MerchantApps.DEFAULT,
            Product.PAGE,
            Money.parse(amount),
            "subject",
            null,
            status,
            paidAt == null ? null : "T" + outTradeNo,
            null,
            null,
            Money.ZERO,
            FROM,
            FROM,
            FROM.plus(Duration.ofHours(2)),
            paidAt,
            status == PaymentStatus.CLOSED ? FROM.plusSeconds(60) : null,
            null,
            "fake"));
  }

  private void paid(String outTradeNo, String amount) {
    payment(outTradeNo, amount, PaymentStatus.PAID, NOON);
  }

  private void refund(String outTradeNo, String outRequestNo, String amount, RefundStatus status) {
    Refund refund =
        new Refund(
            outTradeNo,
            outRequestNo,
            Money.parse(amount),
            null,
            status,
            null,
            null,
            NOON,
            NOON,
            status == RefundStatus.SUCCEEDED ? NOON.plusSeconds(60) : null,
            RefundOrigin.PAYGATE);
    direct.run(() -> refunds.insert(refund));
  }

  // --- the bill ---

  private void billPayment(String outTradeNo, String amount) {
    bill.add(
        new BillEntry(
            BillEntry.Kind.PAYMENT, "T" + outTradeNo, outTradeNo, null, Money.parse(amount), NOON));
  }

  private void billRefund(String outTradeNo, String outRequestNo, String amount) {
    bill.add(
        new BillEntry(
            BillEntry.Kind.REFUND,
            "T" + outTradeNo,
            outTradeNo,
            outRequestNo,
            Money.parse(amount),
            NOON.plusSeconds(120)));
  }

  private void alipayHasPaid(String outTradeNo, String amount) {
    channel.has(
        new ChannelTrade(
            outTradeNo,
            "T" + outTradeNo,
            TradeState.PAID,
            Money.parse(amount),
            "buyer@example.com",
            "2088000000000001",
            NOON));
  }

  private Reconciliation reconcile() {
    channel.publishesBill(new BillLookup.Ready(new ChannelBill(DAY, FROM, TO, bill)));
    return reconciler.reconcile(DAY);
  }

  private static Difference only(Reconciliation result) {
    assertThat(result.differences()).hasSize(1);
    return result.differences().get(0);
  }

  @Test
  void booksThatAgreeWithTheBillMatch() {
    paid("P1", "10.00");
    paid("P2", "20.00");
    refund("P2", "R1", "5.00", RefundStatus.SUCCEEDED);
    // Neither pending nor failed refunds are in a bill.
    refund("P1", "R2", "1.00", RefundStatus.FAILED);
    billPayment("P1", "10.00");
    billPayment("P2", "20.00");
    billRefund("P2", "R1", "5.00");

    Reconciliation result = reconcile();

    assertThat(result.status()).isEqualTo(Reconciliation.Status.MATCHED);
    assertThat(result.tradesInBill()).isEqualTo(2);
    assertThat(result.tradesHere()).isEqualTo(2);
    assertThat(result.differences()).isEmpty();
    assertThat(result.billDate()).isEqualTo(DAY);
    assertThat(result.createdAt()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MILLIS));
    assertThat(saved).containsExactly(result);
  }

  @Test
  void aPaidTradeWeHoldPendingIsSyncedAndMended() {
    payment("P1", "10.00", PaymentStatus.PENDING, null);
    alipayHasPaid("P1", "10.00");
    billPayment("P1", "10.00");

    Reconciliation result = reconcile();

    assertThat(only(result))
        .isEqualTo(
            new Difference(
                DifferenceKind.MISSING_HERE,
                "P1",
                null,
                "TP1",
                "PENDING 10.00",
                "PAID 10.00",
                true));
    assertThat(result.status()).isEqualTo(Reconciliation.Status.MATCHED);
    assertThat(result.tradesHere()).isEqualTo(1);
    assertThat(payments.find("P1").orElseThrow().status()).isEqualTo(PaymentStatus.PAID);
  }

  @Test
  void aPaidTradeTheQueryCannotConfirmStaysForAnOperator() {
    payment("P1", "10.00", PaymentStatus.PENDING, null);
    billPayment("P1", "10.00");

    Reconciliation result = reconcile();

    assertThat(only(result).mended()).isFalse();
    assertThat(result.status()).isEqualTo(Reconciliation.Status.MISMATCHED);
    assertThat(result.tradesHere()).isZero();
  }

  @Test
  void aTradeWeNeverHeardOfIsMissingHere() {
    billPayment("STRANGER", "3.00");

    Reconciliation result = reconcile();

    assertThat(only(result))
        .isEqualTo(
            new Difference(
                DifferenceKind.MISSING_HERE,
                "STRANGER",
                null,
                "TSTRANGER",
                null,
                "PAID 3.00",
                false));
    assertThat(result.status()).isEqualTo(Reconciliation.Status.MISMATCHED);
  }

  @Test
  void aPaymentWeHoldPaidThatTheBillLacksIsMissingAtAlipay() {
    paid("P1", "10.00");
    // Paid on another day: not this bill's business.
    payment("P2", "10.00", PaymentStatus.PAID, TO);

    Reconciliation result = reconcile();

    assertThat(only(result))
        .isEqualTo(
            new Difference(
                DifferenceKind.MISSING_AT_CHANNEL, "P1", null, "TP1", "PAID 10.00", null, false));
    assertThat(result.tradesInBill()).isZero();
    assertThat(result.tradesHere()).isEqualTo(1);
  }

  @Test
  void anotherAmountIsLeftForAnOperator() {
    paid("P1", "10.00");
    billPayment("P1", "9.00");

    Reconciliation result = reconcile();

    assertThat(only(result))
        .isEqualTo(
            new Difference(
                DifferenceKind.AMOUNT_DIFFERS, "P1", null, "TP1", "10.00", "9.00", false));
    assertThat(payments.find("P1").orElseThrow().totalAmount()).isEqualTo(Money.parse("10.00"));
  }

  @Test
  void aPaymentClosedHereThatAlipaySaysPaidIsBookedAsPaidAfterClose() {
    payment("P1", "10.00", PaymentStatus.CLOSED, null);
    alipayHasPaid("P1", "10.00");
    billPayment("P1", "10.00");

    Reconciliation result = reconcile();

    assertThat(only(result))
        .isEqualTo(
            new Difference(
                DifferenceKind.STATUS_DIFFERS,
                "P1",
                null,
                "TP1",
                "CLOSED 10.00",
                "PAID 10.00",
                true));
    Payment after = payments.find("P1").orElseThrow();
    assertThat(after.status()).isEqualTo(PaymentStatus.PAID);
    assertThat(after.attention()).isEqualTo(Attention.PAID_AFTER_CLOSE);
    // The existing rule gives the money back; the janitor sends that refund.
    assertThat(refunds.find("P1", PaidAfterCloseRefunds.REFUND_NO).orElseThrow().status())
        .isEqualTo(RefundStatus.PENDING);
  }

  @Test
  void aRefundMadeOutsidePayGateIsBookedUnderTheBillsNumber() {
    paid("P1", "10.00");
    billPayment("P1", "10.00");
    billRefund("P1", "CONSOLE1", "3.00");

    Reconciliation result = reconcile();

    assertThat(only(result))
        .isEqualTo(
            new Difference(
                DifferenceKind.REFUND_MISSING_HERE,
                "P1",
                "CONSOLE1",
                "TP1",
                null,
                "SUCCEEDED 3.00",
                true));
    assertThat(result.status()).isEqualTo(Reconciliation.Status.MATCHED);
    Refund booked = refunds.find("P1", "CONSOLE1").orElseThrow();
    assertThat(booked.origin()).isEqualTo(RefundOrigin.CHANNEL);
    assertThat(booked.status()).isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(booked.refundedAt()).isEqualTo(NOON.plusSeconds(120));
    Payment after = payments.find("P1").orElseThrow();
    assertThat(after.refundedAmount()).isEqualTo(Money.parse("3.00"));
    assertThat(after.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);

    // Once booked, the next run finds nothing to do.
    Reconciliation again = reconcile();
    assertThat(again.differences()).isEmpty();
    assertThat(refunds.findByPayment("P1")).hasSize(1);
  }

  @Test
  void aBillLineIsMatchedByAppAndTradeNoNeverByOutTradeNoAloneAcrossApps() {
    // Our P9 is the other app's payment; this app's bill has a trade of its own numbered P9 too
    // (its own trade_no), refunded in part in that app's console.
    payments.insert(
        new Payment(
            "P9",
            FakeChannel.SECOND_APP,
            Product.QR,
            Money.parse("10.00"),
            "subject",
            null,
            PaymentStatus.PAID,
            "TOTHER",
            null,
            null,
            Money.ZERO,
            FROM,
            FROM,
            FROM.plus(Duration.ofHours(2)),
            NOON,
            null,
            null,
            "fake"));
    billPayment("P9", "10.00");
    billRefund("P9", "CONSOLE9", "3.00");

    Reconciliation result = reconcile();

    // Neither line is ours: both are left for an operator, and our P9 is untouched.
    assertThat(result.differences())
        .extracting(Difference::kind, Difference::ours, Difference::mended)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple(DifferenceKind.MISSING_HERE, null, false),
            org.assertj.core.api.Assertions.tuple(DifferenceKind.REFUND_MISSING_HERE, null, false));
    assertThat(refunds.findByPayment("P9")).isEmpty();
    Payment after = payments.get("P9");
    assertThat(after.status()).isEqualTo(PaymentStatus.PAID);
    assertThat(after.refundedAmount()).isEqualTo(Money.ZERO);
    assertThat(channel.calls()).extracting(FakeChannel.Call::operation).containsOnly("bill");
  }

  @Test
  void aBillLineWithAnotherTradeNoThanOursIsNotOurPayment() {
    paid("P1", "10.00");
    bill.add(
        new BillEntry(BillEntry.Kind.PAYMENT, "TELSE", "P1", null, Money.parse("10.00"), NOON));

    Reconciliation result = reconcile();

    assertThat(result.differences())
        .extracting(Difference::kind)
        .containsExactlyInAnyOrder(DifferenceKind.MISSING_HERE, DifferenceKind.MISSING_AT_CHANNEL);
  }

  @Test
  void aRefundOfOursWhoseAnswerWasLostIsSettledByTheRefundQuery() {
    paid("P1", "10.00");
    refund("P1", "R1", "4.00", RefundStatus.PENDING);
    channel.nextQueryRefund(new RefundLookup.Refunded(Money.parse("4.00"), NOON.plusSeconds(120)));
    billPayment("P1", "10.00");
    billRefund("P1", "R1", "4.00");

    Reconciliation result = reconcile();

    assertThat(only(result).kind()).isEqualTo(DifferenceKind.REFUND_MISSING_HERE);
    assertThat(only(result).ours()).isEqualTo("PENDING 4.00");
    assertThat(only(result).mended()).isTrue();
    assertThat(refunds.find("P1", "R1").orElseThrow().status()).isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(refunds.find("P1", "R1").orElseThrow().origin()).isEqualTo(RefundOrigin.PAYGATE);
  }

  @Test
  void anOutsideRefundOnTheBillIsBookedEvenWhileOneOfOursIsPending() {
    paid("P1", "10.00");
    refund("P1", "R1", "4.00", RefundStatus.PENDING);
    billPayment("P1", "10.00");
    billRefund("P1", "CONSOLE1", "3.00");

    Reconciliation result = reconcile();

    // The bill line gives its number and exact amount: ours pending does not blur it.
    assertThat(only(result).kind()).isEqualTo(DifferenceKind.REFUND_MISSING_HERE);
    assertThat(only(result).mended()).isTrue();
    assertThat(refunds.find("P1", "CONSOLE1").orElseThrow().refundAmount())
        .isEqualTo(Money.parse("3.00"));
  }

  @Test
  void aRefundOfOursTheBillLacksOrHasForAnotherAmountIsLeftForAnOperator() {
    paid("P1", "10.00");
    refund("P1", "R1", "4.00", RefundStatus.SUCCEEDED);
    refund("P1", "R2", "2.00", RefundStatus.SUCCEEDED);
    billPayment("P1", "10.00");
    billRefund("P1", "R2", "2.50");

    Reconciliation result = reconcile();

    assertThat(result.differences())
        .containsExactly(
            new Difference(
                DifferenceKind.REFUND_AMOUNT_DIFFERS, "P1", "R2", "TP1", "2.00", "2.50", false),
            new Difference(
                DifferenceKind.REFUND_MISSING_AT_CHANNEL,
                "P1",
                "R1",
                "TP1",
                "SUCCEEDED 4.00",
                null,
                false));
    assertThat(result.status()).isEqualTo(Reconciliation.Status.MISMATCHED);
    assertThat(refunds.findByPayment("P1")).hasSize(2);
  }

  @Test
  void aRefundWhosePaymentWeDoNotHoldAsPaidIsNotBooked() {
    payment("P1", "10.00", PaymentStatus.PENDING, null);
    billRefund("P1", "CONSOLE1", "3.00");

    Reconciliation result = reconcile();

    assertThat(only(result).kind()).isEqualTo(DifferenceKind.REFUND_MISSING_HERE);
    assertThat(only(result).mended()).isFalse();
    assertThat(refunds.all()).isEmpty();
  }

  @Test
  void aBillNotPublishedYetIsAConflictAndNothingIsKept() {
    channel.publishesBill(new BillLookup.NotReady("isp.bill_not_exist"));
    assertThatThrownBy(() -> reconciler.reconcile(DAY))
        .isInstanceOfSatisfying(
            PayGateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BILL_NOT_READY));
    channel.publishesBill(new BillLookup.Unknown("timeout"));
    assertThatThrownBy(() -> reconciler.reconcile(DAY))
        .isInstanceOfSatisfying(
            PayGateException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CHANNEL_UNAVAILABLE));
    assertThat(saved).isEmpty();
  }

  @Test
  void aDayNotBegunIsRefusedWithoutAskingAlipayButTodayIsAsked() {
    assertThatThrownBy(() -> reconciler.reconcile(LocalDate.parse("2026-06-07")))
        .isInstanceOfSatisfying(
            PayGateException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
              assertThat(e.field()).isEqualTo("bill_date");
            });
    assertThat(channel.calls("bill").size()).isZero();
    // 10:00 on 2026-06-06 in Beijing: today, whose bill Alipay has not made yet.
    assertThat(reconciler.today()).isEqualTo(LocalDate.parse("2026-06-06"));
    channel.publishesBill(new BillLookup.NotReady("isp.bill_not_exist"));
    assertThatThrownBy(() -> reconciler.reconcile(LocalDate.parse("2026-06-06")))
        .isInstanceOf(PayGateException.class);
    assertThat(channel.calls("bill").size()).isEqualTo(1);
  }

  @Test
  void everyRunIsKeptAndTheLatestIsFound() {
    assertThatThrownBy(() -> reconciler.latest(DAY))
        .isInstanceOfSatisfying(
            PayGateException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RECONCILIATION_NOT_FOUND));
    paid("P1", "10.00");
    Reconciliation first = reconcile();
    billPayment("P1", "10.00");
    Reconciliation second = reconcile();

    assertThat(saved).containsExactly(first, second);
    assertThat(reconciler.latest(DAY)).isEqualTo(second);
    assertThat(second.status()).isEqualTo(Reconciliation.Status.MATCHED);
  }
}
