package io.paygate.core.reconciliation;

/**
 * One disagreement between the bill and our books.
 *
 * @param outRequestNo the refund's number for refund kinds, else null
 * @param tradeNo the channel's trade number, when either side knows it
 * @param ours what our books say, short ("PENDING 10.00", "9.00"), or null when we hold nothing
 * @param channels what the bill says, short, or null when the bill has nothing
 * @param mended whether PayGate put it right by itself in the same run
 */
public record Difference(
    DifferenceKind kind,
    String outTradeNo,
    String outRequestNo,
    String tradeNo,
    String ours,
    String channels,
    boolean mended) {

  /** The line the difference is about, whatever its kind: a payment, or one of its refunds. */
  record Subject(boolean refund, String outTradeNo, String outRequestNo) {}

  Subject subject() {
    return new Subject(kind.isRefund(), outTradeNo, outRequestNo);
  }

  Difference asMended() {
    return new Difference(kind, outTradeNo, outRequestNo, tradeNo, ours, channels, true);
  }
}
