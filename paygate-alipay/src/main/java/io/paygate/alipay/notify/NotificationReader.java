package io.paygate.alipay.notify;

import io.paygate.alipay.wire.AlipayAmounts;
import io.paygate.alipay.wire.AlipayTimes;
import io.paygate.alipay.wire.AlipayTradeStatuses;
import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.channel.NotificationCheck;
import io.paygate.core.channel.TradeNotification;
import io.paygate.core.channel.TradeState;
import io.paygate.core.money.Money;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the parameters of a notification whose signature is already good. Anything that cannot be
 * read exactly is a rejection, never a guess: Alipay redelivers, and a query settles it.
 */
public final class NotificationReader {

  private NotificationReader() {}

  public static NotificationCheck read(String app, Map<String, String> p, String redacted) {
    String outTradeNo = text(p, "out_trade_no");
    if (outTradeNo == null) {
      return NotifyParameters.rejected("missing out_trade_no", p, redacted);
    }
    Optional<TradeState> status = AlipayTradeStatuses.read(p.get("trade_status"));
    if (status.isEmpty()) {
      return NotifyParameters.rejected("unknown trade_status", p, redacted);
    }
    Money total;
    Money refundFee;
    Instant paidAt;
    Instant refundedAt;
    try {
      total = AlipayAmounts.read(p.get("total_amount"));
      refundFee = AlipayAmounts.read(p.get("refund_fee"));
    } catch (IllegalArgumentException e) {
      return NotifyParameters.rejected("unreadable amount", p, redacted);
    }
    if (total == null) {
      return NotifyParameters.rejected("missing total_amount", p, redacted);
    }
    try {
      paidAt = AlipayTimes.read(p.get("gmt_payment"));
      refundedAt = AlipayTimes.read(p.get("gmt_refund"));
    } catch (IllegalArgumentException e) {
      return NotifyParameters.rejected("unreadable gmt_payment or gmt_refund", p, redacted);
    }
    String buyerId = text(p, "buyer_id") != null ? text(p, "buyer_id") : text(p, "buyer_open_id");
    ChannelTrade trade =
        new ChannelTrade(
            outTradeNo,
            text(p, "trade_no"),
            status.get(),
            total,
            text(p, "buyer_logon_id"),
            buyerId,
            paidAt);
    return new NotificationCheck.Verified(
        app,
        new TradeNotification(
            text(p, "notify_id"), trade, refundFee, text(p, "out_biz_no"), refundedAt),
        redacted,
        NotifyParameters.REPLIES);
  }

  private static String text(Map<String, String> p, String name) {
    String value = p.get(name);
    return value == null || value.isBlank() ? null : value;
  }
}
