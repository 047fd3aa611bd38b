package io.paygate.server.reconciliation;

import io.paygate.core.reconciliation.DifferenceKind;

/**
 * The API's (and the table's) names of the core's kinds of difference. The core speaks of "the
 * channel"; shops read Alipay, as the API has named these kinds since reconciliation came.
 */
final class DifferenceNames {

  private DifferenceNames() {}

  static String of(DifferenceKind kind) {
    return switch (kind) {
      case MISSING_AT_CHANNEL -> "MISSING_AT_ALIPAY";
      case REFUND_MISSING_AT_CHANNEL -> "REFUND_MISSING_AT_ALIPAY";
      default -> kind.name();
    };
  }

  static DifferenceKind kind(String name) {
    return switch (name) {
      case "MISSING_AT_ALIPAY" -> DifferenceKind.MISSING_AT_CHANNEL;
      case "REFUND_MISSING_AT_ALIPAY" -> DifferenceKind.REFUND_MISSING_AT_CHANNEL;
      default -> DifferenceKind.valueOf(name);
    };
  }
}
