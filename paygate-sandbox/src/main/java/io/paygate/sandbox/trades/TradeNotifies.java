package io.paygate.sandbox.trades;

import io.paygate.sandbox.apps.App;
import io.paygate.sandbox.apps.SandboxApps;
import io.paygate.sandbox.buyers.Buyer;
import io.paygate.sandbox.notify.NotifyDelivery;
import io.paygate.sandbox.notify.NotifyRepository;
import io.paygate.sandbox.wire.AlipayTime;
import io.paygate.sandbox.wire.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Queues the trade_status_sync notify for a trade that just changed, inside the same transaction
 * (so a committed change always has its notify), when the product notifies that status. Its first
 * attempt goes out by itself once that transaction commits.
 */
@Component
public class TradeNotifies {

  private final NotifyRepository notifies;
  private final NotifyDelivery delivery;
  private final SandboxApps apps;

  public TradeNotifies(NotifyRepository notifies, NotifyDelivery delivery, SandboxApps apps) {
    this.notifies = notifies;
    this.delivery = delivery;
    this.apps = apps;
  }

  /** Refund fields carried by a refund's notify. */
  public record RefundFields(BigDecimal refundFee, Instant gmtRefund, String outBizNo) {}

  /** Queues the notify, if this product sends one for the trade's status now. */
  public void queue(Trade trade, Optional<RefundFields> refund, Instant now) {
    if (trade.notifyUrl() == null || !trade.notifies(trade.status())) {
      return;
    }
    App app = apps.find(trade.appId()).orElseThrow();
    Map<String, String> p = new LinkedHashMap<>();
    p.put("notify_type", "trade_status_sync");
    p.put("app_id", app.appId());
    p.put("auth_app_id", app.appId());
    p.put("charset", "utf-8");
    p.put("version", "1.0");
    p.put("trade_no", trade.tradeNo());
    p.put("out_trade_no", trade.outTradeNo());
    p.putAll(app.buyerField("buyer_id", trade.buyerUserId()));
    if (trade.buyerLogonId() != null) {
      p.put("buyer_logon_id", Buyer.mask(trade.buyerLogonId()));
    }
    p.put("seller_id", app.sellerId());
    p.put("trade_status", trade.status().name());
    String total = Money.format(trade.totalAmount());
    p.put("total_amount", total);
    if (trade.paidAt() != null) {
      p.put("receipt_amount", total);
      p.put("invoice_amount", total);
      p.put("buyer_pay_amount", total);
      p.put("point_amount", "0.00");
    }
    p.put("subject", trade.subject());
    putIfPresent(p, "body", trade.body());
    p.put("gmt_create", AlipayTime.format(trade.openedAt()));
    if (trade.paidAt() != null) {
      p.put("gmt_payment", AlipayTime.format(trade.paidAt()));
      p.put("fund_bill_list", "[{\"amount\":\"" + total + "\",\"fundChannel\":\"ALIPAYACCOUNT\"}]");
    }
    if (trade.closedAt() != null) {
      p.put("gmt_close", AlipayTime.format(trade.closedAt()));
    }
    putIfPresent(p, "passback_params", trade.passbackParams());
    refund.ifPresent(
        r -> {
          p.put("refund_fee", Money.format(r.refundFee()));
          p.put("gmt_refund", AlipayTime.formatMillis(r.gmtRefund()));
          p.put("out_biz_no", r.outBizNo());
        });
    long id =
        notifies.insert(
            trade.appId(), trade.outTradeNo(), trade.notifyUrl(), trade.status().name(), p, now);
    delivery.deliverAfterCommit(id);
  }

  private static void putIfPresent(Map<String, String> p, String key, String value) {
    if (value != null && !value.isEmpty()) {
      p.put(key, value);
    }
  }
}
