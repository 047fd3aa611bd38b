package io.paygate.server.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class ChannelHealthTest {

  @Test
  void aGatewayThatRefusesTheConnectionIsDown() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    ChannelHealth health =
        new ChannelHealth(
            URI.create("http://127.0.0.1:" + closed + "/gateway.do"), Clock.systemUTC());

    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.health().getDetails().get("gateway")).isEqualTo("http://127.0.0.1:" + closed);
  }

  @Test
  void theAnswerIsRememberedForAWhileSoProbesOpenNoSocketEachTime() throws IOException {
    Clock frozen = Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC);
    ChannelHealth health;
    try (ServerSocket gateway = new ServerSocket(0)) {
      health =
          new ChannelHealth(
              URI.create("http://127.0.0.1:" + gateway.getLocalPort() + "/gateway.do"), frozen);
      assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }
    // The gateway is gone, but within the remembered window the last answer stands.
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
  }
}
