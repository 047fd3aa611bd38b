package io.paygate.server.api;

import java.net.URI;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code Location} headers of the API. Each value is one path segment, percent-encoded by Spring's
 * URI builder, so no number can make building the header fail after the work is done (a {@code
 * URI.create} on raw text throws on a space or {@code |}).
 */
public final class Locations {

  private Locations() {}

  /** {@code /api/v1/} followed by the segments, each encoded. */
  public static URI api(String... segments) {
    return UriComponentsBuilder.fromPath("/api/v1").pathSegment(segments).encode().build().toUri();
  }
}
