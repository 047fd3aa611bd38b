package io.paygate.core.channel;

/**
 * The merchant account at the channel.
 *
 * @param appId the application id notifications must carry
 * @param sellerId the receiving account notifications must carry, or null when not configured
 */
public record ChannelAccount(String appId, String sellerId) {}
