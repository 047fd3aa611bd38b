package io.paygate.core.reconciliation;

import io.paygate.core.channel.BillEntry;
import io.paygate.core.channel.ChannelBill;
import io.paygate.core.money.Money;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentRepository;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.reconciliation.Books.BookedPayment;
import io.paygate.core.reconciliation.Books.BookedRefund;
import io.paygate.core.refunds.RefundRepository;
import io.paygate.core.refunds.RefundStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares a bill with our books as they are at the moment: payments by out_trade_no, refunds by
 * out_trade_no and out_request_no, each only with a payment of the bill's app whose trade_no is the
 * line's (another app may number a trade of its own as we numbered one of ours: that line is not
 * ours). A bill line is looked up in our books whatever our own time for it (a clock apart by a
 * second must not make two differences); what we hold in the window and the bill lacks is missing
 * at the channel.
 */
final class BillComparison {

  /** A difference, with the bill line it came from (null for what only we hold). */
  record Finding(Difference difference, BillEntry entry) {}

  record Result(List<Finding> findings, int tradesInBill, int tradesHere) {}

  private record RefundKey(String outTradeNo, String outRequestNo) {}

  private final Books books;
  private final PaymentRepository payments;
  private final RefundRepository refunds;

  BillComparison(Books books, PaymentRepository payments, RefundRepository refunds) {
    this.books = books;
    this.payments = payments;
    this.refunds = refunds;
  }

  Result compare(String channel, String app, ChannelBill bill) {
    Map<String, BillEntry> billPayments = new LinkedHashMap<>();
    Map<RefundKey, BillEntry> billRefunds = new LinkedHashMap<>();
    for (BillEntry entry : bill.entries()) {
      if (entry.kind() == BillEntry.Kind.PAYMENT) {
        billPayments.put(entry.outTradeNo(), entry);
      } else {
        billRefunds.put(new RefundKey(entry.outTradeNo(), entry.outRequestNo()), entry);
      }
    }
    List<Finding> findings = new ArrayList<>();
    Map<String, BookedPayment> paidHere = new LinkedHashMap<>();
    for (BookedPayment payment : books.paidBetween(channel, app, bill.from(), bill.to())) {
      paidHere.put(payment.outTradeNo(), payment);
    }
    for (BillEntry entry : billPayments.values()) {
      BookedPayment ours = paidHere.get(entry.outTradeNo());
      if (ours == null) {
        ours = ours(channel, app, entry).map(BookedPayment::of).orElse(null);
      } else if (!sameTrade(ours.tradeNo(), entry)) {
        ours = null;
      }
      DifferenceKind kind = paymentDifference(ours, entry);
      if (kind != null) {
        String oursText =
            kind == DifferenceKind.AMOUNT_DIFFERS ? ours.totalAmount().toString() : state(ours);
        String channels =
            kind == DifferenceKind.AMOUNT_DIFFERS
                ? entry.amount().toString()
                : "PAID " + entry.amount();
        String tradeNo = entry.tradeNo() != null ? entry.tradeNo() : tradeNo(ours);
        findings.add(
            new Finding(
                new Difference(kind, entry.outTradeNo(), null, tradeNo, oursText, channels, false),
                entry));
      }
    }
    for (BookedPayment ours : paidHere.values()) {
      BillEntry line = billPayments.get(ours.outTradeNo());
      if (line == null || !sameTrade(ours.tradeNo(), line)) {
        findings.add(
            new Finding(
                new Difference(
                    DifferenceKind.MISSING_AT_CHANNEL,
                    ours.outTradeNo(),
                    null,
                    ours.tradeNo(),
                    state(ours),
                    null,
                    false),
                null));
      }
    }

    Map<RefundKey, BookedRefund> refundedHere = new LinkedHashMap<>();
    for (BookedRefund refund : books.refundedBetween(channel, app, bill.from(), bill.to())) {
      refundedHere.put(new RefundKey(refund.outTradeNo(), refund.outRequestNo()), refund);
    }
    for (Map.Entry<RefundKey, BillEntry> line : billRefunds.entrySet()) {
      BillEntry entry = line.getValue();
      BookedRefund ours = refundedHere.get(line.getKey());
      if (ours != null && !sameTrade(ours.tradeNo(), entry)) {
        ours = null;
      } else if (ours == null
          && entry.outRequestNo() != null
          && ours(channel, app, entry).isPresent()) {
        ours =
            refunds
                .find(entry.outTradeNo(), entry.outRequestNo())
                .map(refund -> BookedRefund.of(refund, entry.tradeNo()))
                .orElse(null);
      }
      DifferenceKind kind = refundDifference(ours, entry);
      if (kind != null) {
        boolean amounts = kind == DifferenceKind.REFUND_AMOUNT_DIFFERS;
        findings.add(
            new Finding(
                new Difference(
                    kind,
                    entry.outTradeNo(),
                    entry.outRequestNo(),
                    entry.tradeNo(),
                    amounts ? ours.refundAmount().toString() : state(ours),
                    amounts ? entry.amount().toString() : "SUCCEEDED " + entry.amount(),
                    false),
                entry));
      }
    }
    for (Map.Entry<RefundKey, BookedRefund> line : refundedHere.entrySet()) {
      BillEntry billed = billRefunds.get(line.getKey());
      if (billed == null || !sameTrade(line.getValue().tradeNo(), billed)) {
        BookedRefund ours = line.getValue();
        findings.add(
            new Finding(
                new Difference(
                    DifferenceKind.REFUND_MISSING_AT_CHANNEL,
                    ours.outTradeNo(),
                    ours.outRequestNo(),
                    ours.tradeNo(),
                    state(ours),
                    null,
                    false),
                null));
      }
    }
    return new Result(findings, billPayments.size(), paidHere.size());
  }

  /**
   * Our payment a bill line of this channel's app is about: of the channel and app, with the line's
   * trade_no.
   */
  Optional<Payment> ours(String channel, String app, BillEntry entry) {
    return payments
        .find(entry.outTradeNo())
        .filter(
            p ->
                p.channel().equals(channel)
                    && p.app().equals(app)
                    && sameTrade(p.tradeNo(), entry));
  }

  /** Whether a trade_no of ours is the line's; one not known yet on either side does not differ. */
  private static boolean sameTrade(String ours, BillEntry entry) {
    return ours == null || entry.tradeNo() == null || ours.equals(entry.tradeNo());
  }

  private static DifferenceKind paymentDifference(BookedPayment ours, BillEntry entry) {
    if (ours == null || ours.status() == PaymentStatus.PENDING) {
      return DifferenceKind.MISSING_HERE;
    }
    if (!ours.isPaid()) {
      return DifferenceKind.STATUS_DIFFERS;
    }
    return sameAmount(ours.totalAmount(), entry.amount()) ? null : DifferenceKind.AMOUNT_DIFFERS;
  }

  private static DifferenceKind refundDifference(BookedRefund ours, BillEntry entry) {
    if (ours == null || ours.status() != RefundStatus.SUCCEEDED) {
      return DifferenceKind.REFUND_MISSING_HERE;
    }
    return sameAmount(ours.refundAmount(), entry.amount())
        ? null
        : DifferenceKind.REFUND_AMOUNT_DIFFERS;
  }

  private static boolean sameAmount(Money ours, Money theirs) {
    return ours.compareTo(theirs) == 0;
  }

  private static String state(BookedPayment payment) {
    return payment == null ? null : payment.status() + " " + payment.totalAmount();
  }

  private static String state(BookedRefund refund) {
    return refund == null ? null : refund.status() + " " + refund.refundAmount();
  }

  private static String tradeNo(BookedPayment payment) {
    return payment == null ? null : payment.tradeNo();
  }
}
