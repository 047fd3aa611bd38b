package io.paygate.server.pages;

import io.paygate.core.payments.Attention;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.core.refunds.RefundStatus;

/** Statuses and attention codes as people read them: Chinese first, then the code itself. */
public final class Labels {

  public static final Labels INSTANCE = new Labels();

  private Labels() {}

  public String payment(PaymentStatus status) {
    if (status == null) {
      return "";
    }
    return switch (status) {
          case PENDING -> "待支付";
          case PAID -> "已支付";
          case PARTIALLY_REFUNDED -> "部分退款";
          case REFUNDED -> "已全额退款";
          case CLOSED -> "已关闭";
          case FAILED -> "支付失败";
        }
        + " "
        + status.name();
  }

  public String refund(RefundStatus status) {
    if (status == null) {
      return "";
    }
    return switch (status) {
          case PENDING -> "处理中";
          case SUCCEEDED -> "退款成功";
          case FAILED -> "退款失败";
        }
        + " "
        + status.name();
  }

  public String attention(Attention attention) {
    if (attention == null) {
      return "";
    }
    return switch (attention) {
          case PAID_AFTER_CLOSE -> "关闭后支付";
          case AMOUNT_MISMATCH -> "金额不符";
          case REFUND_MISMATCH -> "退款不符";
        }
        + " "
        + attention.name();
  }
}
