package io.paygate.core.reconciliation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One run of reconciling a day's bill with our books. Every run is kept.
 *
 * @param channel the payment channel whose bill it is ({@code alipay}, {@code wechatpay})
 * @param app the merchant's app whose bill it is
 * @param billDate the bill's day (Beijing time)
 * @param status MATCHED when every difference found was mended in the run (or none was found)
 * @param tradesInBill payments (not refunds) in the bill
 * @param tradesHere payments we hold as paid in the bill's window, after mending
 * @param differences all found, the mended ones too, in the order found
 */
public record Reconciliation(
    String channel,
    String app,
    LocalDate billDate,
    Status status,
    int tradesInBill,
    int tradesHere,
    List<Difference> differences,
    Instant createdAt) {

  public enum Status {
    MATCHED,
    MISMATCHED
  }

  public Reconciliation {
    differences = List.copyOf(differences);
  }
}
