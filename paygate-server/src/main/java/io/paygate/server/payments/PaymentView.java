package io.paygate.server.payments;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentStatus;
import java.time.Instant;
import java.util.Locale;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A payment as the API shows it: amounts as decimal strings in yuan. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentView(
    String outTradeNo,
    String app,
    String tradeNo,
    String status,
    String product,
    String totalAmount,
    String refundedAmount,
    String subject,
    String body,
    String buyerLogonId,
    String payUrl,
    Instant createdAt,
    Instant expiresAt,
    Instant paidAt,
    Instant closedAt,
    String attention,
    String qrCode) {

  /** With the QR code a buyer scans, for a QR payment's create answer. */
  public PaymentView withQrCode(String code) {
    return new PaymentView(
        outTradeNo,
        app,
        tradeNo,
        status,
        product,
        totalAmount,
        refundedAmount,
        subject,
        body,
        buyerLogonId,
        payUrl,
        createdAt,
        expiresAt,
        paidAt,
        closedAt,
        attention,
        code);
  }

  public static PaymentView of(Payment p, String publicUrl) {
    String payUrl =
        p.status() == PaymentStatus.PENDING ? publicUrl + "/pay/" + p.outTradeNo() : null;
    return new PaymentView(
        p.outTradeNo(),
        p.app(),
        p.tradeNo(),
        p.status().name(),
        p.product().name().toLowerCase(Locale.ROOT),
        p.totalAmount().toString(),
        p.refundedAmount().toString(),
        p.subject(),
        p.body(),
        p.buyerLogonId(),
        payUrl,
        p.createdAt(),
        p.expiresAt(),
        p.paidAt(),
        p.closedAt(),
        p.attention() == null ? null : p.attention().name(),
        null);
  }
}
