package io.paygate.server.webhooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How webhooks are delivered ({@code paygate.webhooks.*}).
 *
 * @param firstRetry the wait after the first failed attempt; each later wait doubles
 * @param maxRetryInterval the longest wait between two attempts
 * @param retryFor how long after the event a delivery is still tried; then it is marked failed
 * @param timeout the deadline on one attempt's whole exchange: connect, TLS, send and the reply
 * @param rotationOverlap how long a rotated-out secret keeps signing beside the new one
 * @param allowPrivateTargets let endpoints point at private, link-local or loopback addresses
 *     (cloud metadata addresses included): only for a network you trust
 * @param sweepInterval how often this instance looks for due retries
 * @param maxReplySize how much of an endpoint's reply is read (status line and headers included);
 *     the rest is never read, the connection closed
 * @param endpointConcurrency how many deliveries to one endpoint are in flight at once on this
 *     instance; a slow endpoint holds at most these, never another endpoint's
 * @param deliveryThreads how many deliveries are in flight at once on this instance, all endpoints
 *     together; what finds them all busy waits for the next sweep
 */
@ConfigurationProperties("paygate.webhooks")
public record WebhooksProperties(
    @DefaultValue("PT1M") Duration firstRetry,
    @DefaultValue("PT6H") Duration maxRetryInterval,
    @DefaultValue("P3D") Duration retryFor,
    @DefaultValue("PT10S") Duration timeout,
    @DefaultValue("PT24H") Duration rotationOverlap,
    @DefaultValue("false") boolean allowPrivateTargets,
    @DefaultValue("PT15S") Duration sweepInterval,
    @DefaultValue("64KB") DataSize maxReplySize,
    @DefaultValue("4") int endpointConcurrency,
    @DefaultValue("64") int deliveryThreads) {

  @ConstructorBinding
  public WebhooksProperties {
    if (maxReplySize.toBytes() < 1024 || maxReplySize.toBytes() > 16 * 1024 * 1024) {
      throw new IllegalArgumentException(
          "paygate.webhooks.max-reply-size must be between 1KB and 16MB, got " + maxReplySize);
    }
    if (endpointConcurrency < 1 || deliveryThreads < endpointConcurrency) {
      throw new IllegalArgumentException(
          "paygate.webhooks.endpoint-concurrency must be at least 1 and at most"
              + " paygate.webhooks.delivery-threads, got "
              + endpointConcurrency
              + " and "
              + deliveryThreads);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("paygate.webhooks.timeout must be positive");
    }
  }

  /** The defaults for what is not given (tests that build the properties by hand). */
  public WebhooksProperties(
      Duration firstRetry,
      Duration maxRetryInterval,
      Duration retryFor,
      Duration timeout,
      Duration rotationOverlap,
      boolean allowPrivateTargets,
      Duration sweepInterval) {
    this(
        firstRetry,
        maxRetryInterval,
        retryFor,
        timeout,
        rotationOverlap,
        allowPrivateTargets,
        sweepInterval,
        DataSize.ofKilobytes(64),
        4,
        64);
  }
}
