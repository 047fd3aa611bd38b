package io.paygate.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.server.webhooks.WebhookTargets.Reach;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * Which addresses a webhook may reach: IP literals only, so no name service is asked. Private
 * addresses are refused in every IPv6 form that carries them (mapped, NAT64, 6to4, Teredo).
 */
class WebhookTargetsTest {

  private static Reach reach(String literal) {
    try {
      return WebhookTargets.reach(InetAddress.getByName(literal).getAddress());
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** An IPv6 address as its 16 bytes, kept as IPv6 (Java turns ::ffff:a.b.c.d into IPv4). */
  private static Reach reach6(int... groups) {
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[2 * i] = (byte) (groups[i] >> 8);
      b[2 * i + 1] = (byte) groups[i];
    }
    return WebhookTargets.reach(b);
  }

  @Test
  void publicAddressesMayBeCalled() {
    for (String address :
        new String[] {
          "8.8.8.8",
          "1.1.1.1",
          "47.246.1.1",
          "2400:3200::1",
          "2001:4860:4860::8888",
          // NAT64 and 6to4 forms of public addresses reach the public address
          "64:ff9b::808:808",
          "2002:808:808::1",
          "::ffff:8.8.8.8"
        }) {
      assertThat(reach(address)).as(address).isEqualTo(Reach.PUBLIC);
    }
  }

  @Test
  void ipv4InsideTheNetworkIsRefused() {
    assertThat(reach("127.0.0.1")).isEqualTo(Reach.LOOPBACK);
    assertThat(reach("127.8.8.8")).isEqualTo(Reach.LOOPBACK);
    assertThat(reach("10.1.2.3")).isEqualTo(Reach.PRIVATE);
    assertThat(reach("172.16.0.1")).isEqualTo(Reach.PRIVATE);
    assertThat(reach("172.31.255.255")).isEqualTo(Reach.PRIVATE);
    assertThat(reach("172.32.0.1")).isEqualTo(Reach.PUBLIC);
    assertThat(reach("192.168.1.1")).isEqualTo(Reach.PRIVATE);
    assertThat(reach("100.100.100.200")).isEqualTo(Reach.PRIVATE);
    assertThat(reach("100.64.0.1")).isEqualTo(Reach.PRIVATE);
    assertThat(reach("169.254.169.254")).isEqualTo(Reach.LINK_LOCAL);
    assertThat(reach("0.0.0.0")).isEqualTo(Reach.NOT_A_HOST);
    assertThat(reach("224.0.0.1")).isEqualTo(Reach.NOT_A_HOST);
    assertThat(reach("255.255.255.255")).isEqualTo(Reach.NOT_A_HOST);
    assertThat(reach("192.0.2.1")).isEqualTo(Reach.RESERVED);
    assertThat(reach("198.18.0.1")).isEqualTo(Reach.RESERVED);
  }

  @Test
  void ipv6InsideTheNetworkIsRefused() {
    assertThat(reach("::1")).isEqualTo(Reach.LOOPBACK);
    assertThat(reach("::")).isEqualTo(Reach.NOT_A_HOST);
    assertThat(reach("fe80::1")).isEqualTo(Reach.LINK_LOCAL);
    assertThat(reach("fec0::1")).isEqualTo(Reach.PRIVATE);
    assertThat(reach("fd00::1")).isEqualTo(Reach.PRIVATE);
    assertThat(reach("fc00::1")).isEqualTo(Reach.PRIVATE);
    assertThat(reach("ff02::1")).isEqualTo(Reach.NOT_A_HOST);
    assertThat(reach("2001:db8::1")).isEqualTo(Reach.RESERVED);
  }

  @Test
  void privateIpv4InItsIpv6FormsIsRefusedAsItself() {
    // IPv4-mapped and -compatible, as raw IPv6 bytes
    assertThat(reach6(0, 0, 0, 0, 0, 0xffff, 0x7f00, 1)).isEqualTo(Reach.LOOPBACK);
    assertThat(reach6(0, 0, 0, 0, 0, 0xffff, 0x0a00, 1)).isEqualTo(Reach.PRIVATE);
    assertThat(reach6(0, 0, 0, 0, 0, 0xffff, 0xa9fe, 0xa9fe)).isEqualTo(Reach.LINK_LOCAL);
    assertThat(reach6(0, 0, 0, 0, 0, 0, 0xc0a8, 0x0101)).isEqualTo(Reach.PRIVATE);
    assertThat(reach("::ffff:169.254.169.254")).isEqualTo(Reach.LINK_LOCAL);
    // NAT64, the well-known prefix
    assertThat(reach("64:ff9b::7f00:1")).isEqualTo(Reach.LOOPBACK);
    assertThat(reach("64:ff9b::10.0.0.1")).isEqualTo(Reach.PRIVATE);
    assertThat(reach("64:ff9b::a9fe:a9fe")).isEqualTo(Reach.LINK_LOCAL);
    assertThat(reach("64:ff9b::192.168.0.1")).isEqualTo(Reach.PRIVATE);
    // NAT64 for local use, the IPv4 address at each prefix length RFC 6052 allows
    assertThat(reach("64:ff9b:1::10.0.0.1")).isEqualTo(Reach.PRIVATE); // /96
    assertThat(reach("64:ff9b:1:a9fe:a9:fe00::")).isEqualTo(Reach.LINK_LOCAL); // /48
    assertThat(reach("64:ff9b:1:7f:0:1::")).isEqualTo(Reach.LOOPBACK); // /56
    assertThat(reach("64:ff9b:1:0:c0:a801:100::")).isEqualTo(Reach.PRIVATE); // /64
    assertThat(reach("64:ff9b:1::808:808")).isEqualTo(Reach.PUBLIC);
    // 6to4
    assertThat(reach("2002:7f00:1::1")).isEqualTo(Reach.LOOPBACK);
    assertThat(reach("2002:a00:1::1")).isEqualTo(Reach.PRIVATE);
    assertThat(reach("2002:a9fe:a9fe::")).isEqualTo(Reach.LINK_LOCAL);
    assertThat(reach("2002:c0a8:101::1")).isEqualTo(Reach.PRIVATE);
    // Teredo: the server's address, and the client's (inverted)
    assertThat(reach("2001:0:a00:1::1")).isEqualTo(Reach.PRIVATE);
    assertThat(reach("2001:0:808:808::80ff:fffe")).isEqualTo(Reach.LOOPBACK);
  }

  @Test
  void theRefusalNamesTheHostAndLoopbackFollowsTheSetting() {
    MockEnvironment noSandbox =
        new MockEnvironment().withProperty("paygate.sandbox.enabled", "false");
    WebhookTargets strict = new WebhookTargets(properties(false), noSandbox);
    assertThat(strict.refusal("[64:ff9b::a9fe:a9fe]"))
        .hasValue(
            "[64:ff9b::a9fe:a9fe] is a link-local address (such as the cloud metadata service)");
    assertThat(strict.refusal("[2002:a00:1::1]")).hasValue("[2002:a00:1::1] is a private address");
    assertThat(strict.refusal("127.0.0.1")).hasValue("127.0.0.1 is a loopback address");
    assertThat(strict.refusal("[::ffff:127.0.0.1]")).isPresent();
    assertThat(strict.refusal("metadata.google.internal")).isPresent();
    assertThat(strict.refusal("8.8.8.8")).isEmpty();
    WebhookTargets.Resolved resolved = (WebhookTargets.Resolved) strict.resolve("[2400:3200::1]");
    assertThat(resolved.host()).isEqualTo("2400:3200::1");
    assertThat(resolved.addresses()).hasSize(1);

    // Beside the embedded sandbox, loopback only: its own receivers live there.
    MockEnvironment sandbox = new MockEnvironment().withProperty("paygate.sandbox.enabled", "true");
    WebhookTargets embedded = new WebhookTargets(properties(false), sandbox);
    assertThat(embedded.refusal("127.0.0.1")).isEmpty();
    assertThat(embedded.refusal("[64:ff9b::7f00:1]")).isEmpty();
    assertThat(embedded.refusal("10.0.0.1")).isPresent();
    assertThat(new WebhookTargets(properties(true), noSandbox).refusal("10.0.0.1")).isEmpty();
  }

  private static WebhooksProperties properties(boolean allowPrivate) {
    return new WebhooksProperties(
        Duration.ofMinutes(1),
        Duration.ofHours(6),
        Duration.ofDays(3),
        Duration.ofSeconds(10),
        Duration.ofHours(24),
        allowPrivate,
        Duration.ofSeconds(15));
  }
}
