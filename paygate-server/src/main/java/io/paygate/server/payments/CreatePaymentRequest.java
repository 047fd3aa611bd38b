package io.paygate.server.payments;

import io.paygate.core.channel.Product;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.payments.NewPayment;
import io.paygate.server.api.RequestFields;
import java.util.Locale;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code POST /api/v1/payments}. Fields arrive as text and are checked one by one. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreatePaymentRequest(
    String totalAmount,
    String subject,
    String body,
    String product,
    String outTradeNo,
    String authCode,
    String app) {

  public NewPayment toNewPayment() {
    return new NewPayment(
        RequestFields.money("total_amount", totalAmount),
        subject,
        RequestFields.optional(body),
        product(product),
        RequestFields.optional(outTradeNo),
        RequestFields.optional(app));
  }

  static Product product(String value) {
    if (value == null || value.isBlank()) {
      return Product.PAGE;
    }
    try {
      return Product.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw PayGateException.invalid("product", "product is page, wap, qr or barcode");
    }
  }
}
