package io.paygate.core.payments;

/**
 * Port: where the core announces what changed in the books, right where it decided the change. The
 * server's outbox (webhooks) and its metrics listen. A fact the shop is told of is announced inside
 * the transaction of its change, so that what listens can write in that transaction.
 */
public interface BookEvents {

  void announce(BookEvent event);

  /** Announces nothing (a tool or a test that does not listen). */
  BookEvents NONE = event -> {};
}
