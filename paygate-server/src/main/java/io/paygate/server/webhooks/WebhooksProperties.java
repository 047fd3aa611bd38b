package io.paygate.server.webhooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhooks are delivered ({@code paygate.webhooks.*}).
 *
 * @param firstRetry the wait after the first failed attempt; each later wait doubles
 * @param maxRetryInterval the longest wait between two attempts
 * @param retryFor how long after the event a delivery is still tried; then it is marked failed
 * @param timeout how long an endpoint has to answer 2xx
 * @param rotationOverlap how long a rotated-out secret keeps signing beside the new one
 * @param allowPrivateTargets let endpoints point at private, link-local or loopback addresses
 *     (cloud metadata addresses included): only for a network you trust
 * @param sweepInterval how often this instance looks for due retries
 */
@ConfigurationProperties("paygate.webhooks")
public record WebhooksProperties(
    @DefaultValue("PT1M") Duration firstRetry,
    @DefaultValue("PT6H") Duration maxRetryInterval,
    @DefaultValue("P3D") Duration retryFor,
    @DefaultValue("PT10S") Duration timeout,
    @DefaultValue("PT24H") Duration rotationOverlap,
    @DefaultValue("false") boolean allowPrivateTargets,
    @DefaultValue("PT15S") Duration sweepInterval) {}
