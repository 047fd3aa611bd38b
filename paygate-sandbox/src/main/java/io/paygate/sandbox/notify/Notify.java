package io.paygate.sandbox.notify;

import java.time.Instant;
import java.util.Map;

/**
 * One asynchronous notification and its delivery state; {@code params} hold everything but
 * notify_time, sign_type and sign, which each attempt adds.
 */
public record Notify(
    long id,
    String notifyId,
    String appId,
    String outTradeNo,
    String notifyUrl,
    String tradeStatus,
    Map<String, String> params,
    boolean delivered,
    int scheduledAttempts,
    Instant nextAttemptAt) {}
