package io.paygate.server.home;

import io.paygate.core.channel.Product;
import io.paygate.core.money.Money;
import io.paygate.core.payments.NewPayment;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Locale;

/** The index page's pay form, as typed; the messages are the API's for the same fields. */
public record PaymentForm(
    @NotBlank(message = "请填写金额 total_amount is required")
        @Pattern(
            regexp = "\\s*(\\d{1,12}(\\.\\d{1,2})?)?\\s*",
            message =
                "金额以元为单位，最多两位小数，如 12.30 · total_amount must be a decimal string in yuan"
                    + " with at most two decimals, like 12.30")
        String totalAmount,
    String subject,
    String body,
    @Pattern(regexp = "\\s*((?i)page|wap)?\\s*", message = "product is page or wap") String product,
    String outTradeNo) {

  /** The fields in the order they are checked, the first at fault is shown. */
  public static final List<String> FIELDS =
      List.of("totalAmount", "subject", "body", "product", "outTradeNo");

  public static PaymentForm blank() {
    return new PaymentForm("0.01", "", "", "page", "");
  }

  /** Only once the form is valid. */
  public NewPayment toNewPayment() {
    return new NewPayment(
        Money.parse(totalAmount.trim()),
        subject,
        optional(body),
        optional(product) == null
            ? Product.PAGE
            : Product.valueOf(product.trim().toUpperCase(Locale.ROOT)),
        optional(outTradeNo));
  }

  private static String optional(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
