package io.paygate.sandbox.notify;

import java.time.Instant;

/** One POST to the merchant; {@code httpStatus} null when no answer came (refused, timeout). */
public record NotifyAttempt(long notifyId, Instant at, Integer httpStatus, String reply) {}
