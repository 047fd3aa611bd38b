package io.paygate.sandbox.wechatpay.refunds;

import io.paygate.sandbox.wechatpay.wire.WxTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A refund as WeChat Pay writes it: the create and query answer, and the REFUND.* resource. */
final class RefundJson {

  private RefundJson() {}

  static Map<String, Object> answer(Refund r) {
    Map<String, Object> amount = new LinkedHashMap<>();
    amount.put("total", r.totalFen());
    amount.put("refund", r.refundFen());
    amount.put("from", List.of());
    amount.put("payer_total", r.totalFen());
    amount.put("payer_refund", r.refundFen());
    amount.put("settlement_refund", r.refundFen());
    amount.put("settlement_total", r.totalFen());
    amount.put("discount_refund", 0);
    amount.put("currency", "CNY");
    amount.put("refund_fee", 0);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("refund_id", r.refundId());
    out.put("out_refund_no", r.outRefundNo());
    out.put("transaction_id", r.transactionId());
    out.put("out_trade_no", r.outTradeNo());
    out.put("channel", "ORIGINAL");
    out.put("user_received_account", "支付用户零钱");
    out.put("create_time", WxTime.format(r.createdAt()));
    if (r.successAt() != null) {
      out.put("success_time", WxTime.format(r.successAt()));
    }
    out.put("status", r.status());
    out.put("funds_account", "AVAILABLE");
    out.put("promotion_detail", List.of());
    out.put("amount", amount);
    return out;
  }

  /** The REFUND.SUCCESS resource: {@code refund_status}, not {@code status}. */
  static Map<String, Object> notification(Refund r) {
    Map<String, Object> amount = new LinkedHashMap<>();
    amount.put("total", r.totalFen());
    amount.put("refund", r.refundFen());
    amount.put("payer_total", r.totalFen());
    amount.put("payer_refund", r.refundFen());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("mchid", r.mchid());
    out.put("out_trade_no", r.outTradeNo());
    out.put("transaction_id", r.transactionId());
    out.put("out_refund_no", r.outRefundNo());
    out.put("refund_id", r.refundId());
    out.put("refund_status", r.status());
    if (r.successAt() != null) {
      out.put("success_time", WxTime.format(r.successAt()));
    }
    out.put("user_received_account", "支付用户零钱");
    out.put("amount", amount);
    return out;
  }
}
