package io.paygate.sandbox.wechatpay.notify;

import java.time.Instant;

/**
 * One notification (回调通知) and its delivery state. {@code body} is the JSON as sent, its resource
 * encrypted once; each attempt signs it afresh (new timestamp and nonce).
 */
public record WxNotification(
    long id,
    String notificationId,
    String mchid,
    String outTradeNo,
    String outRefundNo,
    String eventType,
    String notifyUrl,
    String body,
    boolean delivered,
    boolean dropped,
    boolean faultsDecided,
    int scheduledAttempts,
    Instant nextAttemptAt) {}
