package io.paygate.alipay.refund;

import com.alipay.api.response.AlipayTradeFastpayRefundQueryResponse;
import io.paygate.alipay.gateway.AnswerMapping;
import io.paygate.alipay.gateway.ResponseCodes;
import io.paygate.alipay.wire.AlipayAmounts;
import io.paygate.alipay.wire.AlipayTimes;
import io.paygate.core.channel.ChannelError;
import io.paygate.core.channel.RefundLookup;
import io.paygate.core.money.Money;

/**
 * alipay.trade.fastpay.refund.query's answer as a {@link RefundLookup}. Only {@code
 * refund_status=REFUND_SUCCESS} is a refund that went through; the mere presence of an amount is
 * not (older documents said so, current ones do not).
 */
public final class RefundQueryMapper
    implements AnswerMapping<AlipayTradeFastpayRefundQueryResponse, RefundLookup> {

  static final String REFUND_SUCCESS = "REFUND_SUCCESS";

  // No trade means no refund of it either.
  @Override
  public boolean isNotFound(AlipayTradeFastpayRefundQueryResponse response) {
    return ResponseCodes.isTradeNotExist(response);
  }

  @Override
  public RefundLookup notFound(ChannelError error, String description) {
    return new RefundLookup.NotRefunded();
  }

  @Override
  public RefundLookup uncertain(String reason) {
    return new RefundLookup.Unknown(reason);
  }

  // A refused query tells nothing about the refund.
  @Override
  public RefundLookup refused(ChannelError error, String description) {
    return new RefundLookup.Unknown(description);
  }

  @Override
  public String word(RefundLookup lookup) {
    if (lookup instanceof RefundLookup.Refunded) {
      return "ok";
    }
    return lookup instanceof RefundLookup.NotRefunded ? "not-refunded" : "unknown";
  }

  @Override
  public RefundLookup success(AlipayTradeFastpayRefundQueryResponse response) {
    String status = blankToNull(response.getRefundStatus());
    boolean hasAmount = blankToNull(response.getRefundAmount()) != null;
    if (status == null) {
      // Alipay's rule: no refund_status means "not received yet, or failed" — send it again
      // under the same out_request_no. An amount without a status is not a success either, but
      // it is not the documented empty answer: leave the refund pending and ask again.
      return hasAmount
          ? new RefundLookup.Unknown("refund_amount without refund_status")
          : new RefundLookup.NotRefunded();
    }
    if (!REFUND_SUCCESS.equals(status)) {
      // Not a status the docs list: do not turn it into "not refunded" and re-send a refund that
      // may still complete.
      return new RefundLookup.Unknown("refund_status " + status);
    }
    Money amount;
    try {
      amount = AlipayAmounts.read(response.getRefundAmount());
    } catch (IllegalArgumentException e) {
      return new RefundLookup.Unknown("refund_amount: " + e.getMessage());
    }
    if (amount == null) {
      return new RefundLookup.Unknown("REFUND_SUCCESS without refund_amount");
    }
    return new RefundLookup.Refunded(amount, AlipayTimes.of(response.getGmtRefundPay()));
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
