package io.paygate.core.payments;

/**
 * A fact the books announce once the change is made: a {@link PaymentEvent} or a refund's ({@code
 * refunds.RefundEvent}). Two families because payments sit below refunds; each is sealed.
 */
public interface BookEvent {

  /** The payment the fact is about. */
  String outTradeNo();

  /**
   * Whether the shop is told of it, so that it must be announced inside the transaction of its
   * change (its webhook event commits with it, or neither does).
   */
  boolean toldToTheShop();
}
