package io.paygate.server.webhooks;

import io.paygate.core.errors.PayGateException;
import io.paygate.server.sandbox.SandboxMode;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Which URLs a webhook may be sent to. A shop's endpoint is on the internet: an address inside
 * PayGate's own network (private ranges, link-local, the cloud metadata service) would let whoever
 * holds an admin key make PayGate call it. Checked when the endpoint is made and again before every
 * attempt, on the addresses the name resolves to then (a name may be re-pointed).
 */
@Component
public class WebhookTargets {

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
    String name = host.toLowerCase(Locale.ROOT);
    if (name.equals("metadata.google.internal") || name.endsWith(".internal")) {
      return allowPrivate ? Optional.empty() : Optional.of(host + " is an internal name");
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(stripBrackets(host));
    } catch (UnknownHostException e) {
      return Optional.of(host + " does not resolve");
    }
    for (InetAddress address : addresses) {
      Optional<String> why = refusal(address);
      if (why.isPresent()) {
        return Optional.of(host + " is " + why.get());
      }
    }
    return Optional.empty();
  }

  private Optional<String> refusal(InetAddress address) {
    if (address.isLoopbackAddress()) {
      return allowLoopback ? Optional.empty() : Optional.of("a loopback address");
    }
    if (allowPrivate) {
      return Optional.empty();
    }
    if (address.isLinkLocalAddress()) {
      return Optional.of("a link-local address (such as the cloud metadata service)");
    }
    if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
      return Optional.of("not a host address");
    }
    if (address.isSiteLocalAddress() || uniqueLocal(address) || metadata(address)) {
      return Optional.of("a private address");
    }
    return Optional.empty();
  }

  /** fc00::/7, IPv6's private range, which Java does not call site-local. */
  private static boolean uniqueLocal(InetAddress address) {
    return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
  }

  /** 100.100.100.200 (Alibaba Cloud's metadata service) sits in shared address space. */
  private static boolean metadata(InetAddress address) {
    byte[] b = address.getAddress();
    return b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
  }

  private static String stripBrackets(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
