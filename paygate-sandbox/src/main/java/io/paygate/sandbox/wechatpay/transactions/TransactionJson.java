package io.paygate.sandbox.wechatpay.transactions;

import io.paygate.sandbox.wechatpay.wire.WxTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A transaction as WeChat Pay writes it in a query answer and a TRANSACTION.SUCCESS resource (keys
 * sorted, as WeChat Pay's happen to be); an unpaid order has no transaction_id, payer,
 * success_time, bank_type or payer_total.
 */
public final class TransactionJson {

  private TransactionJson() {}

  public static Map<String, Object> of(Transaction t) {
    Map<String, Object> amount = new TreeMap<>();
    amount.put("total", t.totalFen());
    amount.put("currency", "CNY");
    amount.put("payer_currency", "CNY");
    Map<String, Object> out = new TreeMap<>();
    out.put("appid", t.appid());
    out.put("mchid", t.mchid());
    out.put("out_trade_no", t.outTradeNo());
    out.put("attach", t.attach() == null ? "" : t.attach());
    out.put("trade_type", t.tradeType().name());
    out.put("trade_state", t.tradeState().name());
    out.put("trade_state_desc", t.tradeState().description());
    if (t.tradeState().paid()) {
      amount.put("payer_total", t.totalFen());
      out.put("transaction_id", t.transactionId());
      out.put("bank_type", "OTHERS");
      out.put("success_time", WxTime.format(t.successAt()));
      out.put("payer", Map.of("openid", t.paidOpenid()));
      out.put("promotion_detail", List.of());
    }
    out.put("amount", amount);
    return out;
  }
}
