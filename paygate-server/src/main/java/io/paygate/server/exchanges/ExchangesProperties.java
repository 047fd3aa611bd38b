package io.paygate.server.exchanges;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long exchanges are kept ({@code paygate.exchanges.*}).
 *
 * @param retention how long every exchange (calls to Alipay, notifications) is kept: by default 400
 *     days, past the year in which a payment can still be refunded and its bills questioned
 * @param unverifiedRetention how long a notification that did not verify, or that names no payment
 *     of ours, is kept: anyone can post one, so only briefly
 * @param unverifiedPerMinute how many such notifications this instance stores a minute; the rest
 *     are answered as usual but not stored, only counted ({@code paygate_exchanges_unstored_total})
 */
@ConfigurationProperties("paygate.exchanges")
public record ExchangesProperties(
    @DefaultValue("P400D") Duration retention,
    @DefaultValue("P3D") Duration unverifiedRetention,
    @DefaultValue("60") int unverifiedPerMinute) {

  public ExchangesProperties {
    if (retention.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException(
          "paygate.exchanges.retention must be at least a day, got " + retention);
    }
    if (unverifiedRetention.isNegative() || unverifiedRetention.compareTo(retention) > 0) {
      throw new IllegalArgumentException(
          "paygate.exchanges.unverified-retention must be between 0 and"
              + " paygate.exchanges.retention, got "
              + unverifiedRetention);
    }
    if (unverifiedPerMinute < 0) {
      throw new IllegalArgumentException(
          "paygate.exchanges.unverified-per-minute must not be negative, got "
              + unverifiedPerMinute);
    }
  }
}
