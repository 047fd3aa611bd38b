package io.paygate.server.webhooks;

import io.paygate.core.errors.PayGateException;
import io.paygate.server.sandbox.SandboxMode;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Which URLs a webhook may be sent to. A shop's endpoint is on the internet: an address inside
 * PayGate's own network (private ranges, link-local, the cloud metadata service) would let whoever
 * holds an admin key make PayGate call it. Checked when the endpoint is made and again before every
 * attempt, on the addresses the name resolves to then (a name may be re-pointed); the attempt then
 * connects to those very addresses, never looking the name up a second time.
 */
@Component
public class WebhookTargets {

  /** What an address reaches, as far as a webhook is concerned. */
  enum Reach {
    PUBLIC(null),
    LOOPBACK("a loopback address"),
    LINK_LOCAL("a link-local address (such as the cloud metadata service)"),
    PRIVATE("a private address"),
    NOT_A_HOST("not a host address"),
    RESERVED("a reserved or documentation address");

    final String description;

    Reach(String description) {
      this.description = description;
    }
  }

  /** The outcome of one look-up of a target's name. */
  sealed interface Lookup {}

  /** The name looked up once and every address checked: connect to these, in this order. */
  record Resolved(String host, List<InetAddress> addresses) implements Lookup {}

  /** Why the name may not be called now. */
  record Refused(String why) implements Lookup {}

  private final boolean allowPrivate;
  private final boolean allowLoopback;

  public WebhookTargets(WebhooksProperties properties, Environment environment) {
    this.allowPrivate = properties.allowPrivateTargets();
    // Loopback is where the embedded sandbox's own test receivers live.
    this.allowLoopback = allowPrivate || SandboxMode.embedded(environment);
  }

  /** The URL as given, or a 400 refusal naming the field {@code url}. */
  URI parse(String url) {
    if (url == null || url.isBlank()) {
      throw PayGateException.invalid("url", "url is required");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw PayGateException.invalid("url", "url is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw PayGateException.invalid("url", "url must be http or https");
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
      throw PayGateException.invalid("url", "url must have a host and no user info or fragment");
    }
    if (url.length() > 2048) {
      throw PayGateException.invalid("url", "url is longer than 2048 characters");
    }
    refusal(uri.getHost())
        .ifPresent(
            why -> {
              throw PayGateException.invalid("url", "url is refused: " + why);
            });
    return uri;
  }

  /** Why the host may not be called now, if it may not. */
  Optional<String> refusal(String host) {
    return resolve(host) instanceof Refused refused ? Optional.of(refused.why()) : Optional.empty();
  }

  /**
   * Looks the host up once and checks every address it has: any address PayGate may not call
   * refuses the name (a name with one public and one private address would otherwise be a coin toss
   * away from the private one).
   */
  Lookup resolve(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.equals("metadata.google.internal") || name.endsWith(".internal")) {
      return allowPrivate ? lookUp(host) : new Refused(host + " is an internal name");
    }
    return lookUp(host);
  }

  private Lookup lookUp(String host) {
    String bare = stripBrackets(host);
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(bare);
    } catch (UnknownHostException e) {
      return new Refused(host + " does not resolve");
    }
    List<InetAddress> usable = new ArrayList<>();
    for (InetAddress address : addresses) {
      Optional<String> why = refusal(address);
      if (why.isPresent()) {
        return new Refused(host + " is " + why.get());
      }
      usable.add(address);
    }
    return new Resolved(bare, List.copyOf(usable));
  }

  private Optional<String> refusal(InetAddress address) {
    Reach reach = reach(address.getAddress());
    if (reach == Reach.PUBLIC) {
      return Optional.empty();
    }
    if (reach == Reach.LOOPBACK) {
      return allowLoopback ? Optional.empty() : Optional.of(reach.description);
    }
    return allowPrivate ? Optional.empty() : Optional.of(reach.description);
  }

  /**
   * What the address reaches. An IPv6 address that carries an IPv4 one (IPv4-mapped and
   * -compatible, NAT64, 6to4, Teredo) reaches what the IPv4 address does: a translator or relay on
   * the way delivers it there.
   */
  static Reach reach(byte[] b) {
    if (b.length == 4) {
      return reach4(b[0] & 0xff, b[1] & 0xff, b[2] & 0xff);
    }
    if (zero(b, 0, 15)) {
      return (b[15] & 0xff) == 1 ? Reach.LOOPBACK : b[15] == 0 ? Reach.NOT_A_HOST : embedded(b, 12);
    }
    // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible, deprecated)
    if (zero(b, 0, 10) && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || zero(b, 10, 12))) {
      return embedded(b, 12);
    }
    int first = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
    int second = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    int third = ((b[4] & 0xff) << 8) | (b[5] & 0xff);
    // 64:ff9b::/96, NAT64's well-known prefix
    if (first == 0x64 && second == 0xff9b && zero(b, 4, 12)) {
      return embedded(b, 12);
    }
    // 64:ff9b:1::/48, NAT64 for local use: the IPv4 address sits where the prefix length puts it
    // (RFC 6052: /96, or /48, /56, /64 skipping bits 64-71). Read at the wrong length an address
    // gives zeros and such, so an inside address found at any of them refuses, nothing else does.
    if (first == 0x64 && second == 0xff9b && third == 1) {
      for (Reach reach :
          List.of(
              embedded(b, 12),
              embedded(new byte[] {b[6], b[7], b[9], b[10]}, 0),
              embedded(new byte[] {b[7], b[9], b[10], b[11]}, 0),
              embedded(new byte[] {b[9], b[10], b[11], b[12]}, 0))) {
        if (reach == Reach.LOOPBACK || reach == Reach.LINK_LOCAL || reach == Reach.PRIVATE) {
          return reach;
        }
      }
      return Reach.PUBLIC;
    }
    // 2002::/16, 6to4: the relay's IPv4 address follows the prefix
    if (first == 0x2002) {
      return embedded(b, 2);
    }
    // 2001::/32, Teredo: the server's IPv4 address, then the client's inverted
    if (first == 0x2001 && second == 0) {
      Reach server = embedded(b, 4);
      if (server != Reach.PUBLIC) {
        return server;
      }
      byte[] client = new byte[4];
      for (int i = 0; i < 4; i++) {
        client[i] = (byte) ~b[12 + i];
      }
      return embedded(client, 0);
    }
    if ((b[0] & 0xff) == 0xff) {
      return Reach.NOT_A_HOST; // ff00::/8 multicast
    }
    if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
      return Reach.LINK_LOCAL; // fe80::/10
    }
    if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
      return Reach.PRIVATE; // fec0::/10, the old site-local range
    }
    if ((b[0] & 0xfe) == 0xfc) {
      return Reach.PRIVATE; // fc00::/7, unique local addresses
    }
    if (first == 0x2001 && second == 0x0db8) {
      return Reach.RESERVED; // 2001:db8::/32, documentation
    }
    if (first == 0x0100 && zero(b, 2, 8)) {
      return Reach.RESERVED; // 100::/64, discard
    }
    if (first == 0x2001 && second < 0x0200) {
      return Reach.RESERVED; // 2001::/23, IETF protocol assignments (Teredo handled above)
    }
    return Reach.PUBLIC;
  }

  private static Reach embedded(byte[] b, int at) {
    return reach4(b[at] & 0xff, b[at + 1] & 0xff, b[at + 2] & 0xff);
  }

  private static Reach reach4(int a, int b, int c) {
    if (a == 127) {
      return Reach.LOOPBACK;
    }
    if (a == 0 || a >= 224) {
      return Reach.NOT_A_HOST; // this network, multicast, reserved, broadcast
    }
    if (a == 169 && b == 254) {
      return Reach.LINK_LOCAL;
    }
    if (a == 10 || (a == 172 && (b & 0xf0) == 16) || (a == 192 && b == 168)) {
      return Reach.PRIVATE;
    }
    // 100.64.0.0/10, shared address space: carrier NAT, and Alibaba Cloud's metadata service
    if (a == 100 && (b & 0xc0) == 64) {
      return Reach.PRIVATE;
    }
    if (a == 192 && b == 0 && c == 0) {
      return Reach.RESERVED; // 192.0.0.0/24, IETF protocol assignments
    }
    if ((a == 192 && b == 0 && c == 2)
        || (a == 198 && b == 51 && c == 100)
        || (a == 203 && b == 0 && c == 113)
        || (a == 198 && (b & 0xfe) == 18)) {
      return Reach.RESERVED; // documentation ranges and 198.18.0.0/15 (benchmarks)
    }
    return Reach.PUBLIC;
  }

  private static boolean zero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static String stripBrackets(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
