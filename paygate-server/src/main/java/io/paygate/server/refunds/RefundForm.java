package io.paygate.server.refunds;

import io.paygate.core.money.Money;
import io.paygate.core.refunds.NewRefund;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * The refund form (on the payment page and the index), as typed; the API's messages.
 *
 * @param refundToken the form's one-time token: a refund number drawn when the form was shown, used
 *     when none is typed, so a second submit of the same form finds the first refund (and shows it)
 *     instead of refunding again
 */
public record RefundForm(
    @NotBlank(message = "请填写金额 refund_amount is required")
        @Pattern(
            regexp = "\\s*(\\d{1,12}(\\.\\d{1,2})?)?\\s*",
            message =
                "金额以元为单位，最多两位小数，如 12.30 · refund_amount must be a decimal string in yuan"
                    + " with at most two decimals, like 12.30")
        String refundAmount,
    String refundReason,
    String outRequestNo,
    String refundToken) {

  /** The fields in the order they are checked, the first at fault is shown. */
  static final List<String> FIELDS = List.of("refundAmount", "refundReason", "outRequestNo");

  /** Only once the form is valid. */
  NewRefund toNewRefund() {
    String number = optional(outRequestNo);
    return new NewRefund(
        Money.parse(refundAmount.trim()),
        optional(refundReason),
        number != null ? number : optional(refundToken));
  }

  private static String optional(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
