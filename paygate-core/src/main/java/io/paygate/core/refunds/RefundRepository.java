package io.paygate.core.refunds;

import io.paygate.core.money.Money;
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
   * Applies a change to a refund if it is in one of its transition's from-states.
   *
   * @param current the refund as the caller read it
   * @return the refund as changed, or empty when this call changed nothing
   */
  Optional<Refund> settle(Refund current, RefundChange change);
}
