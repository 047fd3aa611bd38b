package io.paygate.core.notify;

import io.paygate.core.channel.NotifyReply;

/**
 * A notification handled: the core's decision, the reply the channel wants its provider sent for
 * it, and the payment it names (verified or merely claimed, so for log lines only; may be null).
 */
public record Handled(NotifyAck ack, NotifyReply reply, String outTradeNo) {}
