package io.paygate.sandbox.wechatpay.notify;

import java.time.Instant;

/** One POST to the merchant; {@code httpStatus} null when no answer came (refused, timeout). */
public record WxNotificationAttempt(
    long notificationId, Instant at, Integer httpStatus, String reply) {}
