package io.paygate.sandbox.notify;

import java.time.Instant;
import java.util.Map;

/**
 * One asynchronous notification and its delivery state; {@code params} hold everything but
 * notify_time, sign_type and sign, which each attempt adds.
 *
 * @param faultsDecided whether the scheduling faults (drop, delay, reorder) were rolled already
 * @param dropped a drop fault swallowed it; only a redelivery by hand sends it
 * @param held a reorder fault holds it back until the app's next notify goes out
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
    Instant nextAttemptAt,
    boolean faultsDecided,
    boolean dropped,
    boolean held) {}
