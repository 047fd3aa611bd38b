package io.paygate.core.refunds;

import io.paygate.core.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: where refunds are kept. */
public interface RefundRepository {

  void insert(Refund refund);

  Optional<Refund> find(String outTradeNo, String outRequestNo);

  List<Refund> findByPayment(String outTradeNo);

  /** The sum of refunds that hold money: PENDING and SUCCEEDED. */
  Money sumReserved(String outTradeNo);

  Money sumSucceeded(String outTradeNo);

  /**
   * Applies a transition to a refund if it is in one of the transition's from-states.
   *
   * @param at when this change is made
   * @param refundedAt when the money moved, for SUCCEEDED (the channel's time); null otherwise
   * @return true when this call changed it
   */
  boolean settle(
      String outTradeNo,
      String outRequestNo,
      RefundTransition transition,
      String failureCode,
      String failureMessage,
      Instant at,
      Instant refundedAt);
}
