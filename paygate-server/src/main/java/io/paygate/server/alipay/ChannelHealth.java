package io.paygate.server.alipay;

import io.paygate.alipay.AlipayApps;
import io.paygate.alipay.AlipayChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health {@code channel}: can this instance reach Alipay's gateway? A TCP connect to its host, not
 * a signed call (that would spend the merchant's quota on every probe), remembered for 30 s so a
 * busy probe does not open a socket each time. Not part of readiness: an instance that cannot reach
 * Alipay still takes notifies and serves reads, and every other instance would fail alike.
 */
@Component("channel")
public class ChannelHealth implements HealthIndicator {

  static final Duration REMEMBERED = Duration.ofSeconds(30);
  static final int CONNECT_TIMEOUT_MILLIS = 2000;

  private final List<URI> gateways;
  private final Clock clock;
  private volatile Checked last;

  private record Checked(Instant at, Health health) {}

  @Autowired
  public ChannelHealth(AlipayApps apps, Clock clock) {
    this(apps.channels().stream().map(AlipayChannel::gateway).distinct().toList(), clock);
  }

  /** One gateway's health: WeChat Pay's is checked alike. */
  public ChannelHealth(URI gateway, Clock clock) {
    this(List.of(gateway), clock);
  }

  /** Apps usually share one gateway; each distinct one is checked. */
  private ChannelHealth(List<URI> gateways, Clock clock) {
    this.gateways = gateways;
    this.clock = clock;
  }

  @Override
  public Health health() {
    Checked checked = last;
    Instant now = clock.instant();
    if (checked == null || !now.isBefore(checked.at().plus(REMEMBERED))) {
      checked = new Checked(now, connectAll());
      last = checked;
    }
    return checked.health();
  }

  private Health connectAll() {
    if (gateways.size() == 1) {
      return connect(gateways.get(0));
    }
    Health.Builder all = Health.up();
    for (URI gateway : gateways) {
      Health one = connect(gateway);
      if (!one.getStatus().equals(org.springframework.boot.health.contributor.Status.UP)) {
        all.down();
      }
      all.withDetail(gateway.getHost(), one.getDetails());
    }
    return all.build();
  }

  private static Health connect(URI gateway) {
    String host = gateway.getHost();
    int port = gateway.getPort() != -1 ? gateway.getPort() : defaultPort(gateway.getScheme());
    String target = gateway.getScheme() + "://" + host + ":" + port;
    long started = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
      return Health.up()
          .withDetail("gateway", target)
          .withDetail("connectMillis", (System.nanoTime() - started) / 1_000_000)
          .build();
    } catch (IOException | IllegalArgumentException e) {
      return Health.down()
          .withDetail("gateway", target)
          .withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage())
          .build();
    }
  }

  private static int defaultPort(String scheme) {
    return "http".equalsIgnoreCase(scheme) ? 80 : 443;
  }
}
