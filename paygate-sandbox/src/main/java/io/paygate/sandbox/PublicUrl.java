package io.paygate.sandbox;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Where people and merchants reach the sandbox: configured, or else as this request came in. */
@Component
public class PublicUrl {

  private final SandboxProperties properties;

  public PublicUrl(SandboxProperties properties) {
    this.properties = properties;
  }

  public String base(HttpServletRequest request) {
    String configured = properties.publicUrl();
    if (configured != null && !configured.isBlank()) {
      return configured.endsWith("/")
          ? configured.substring(0, configured.length() - 1)
          : configured;
    }
    return ServletUriComponentsBuilder.fromContextPath(request)
        .replaceQuery(null)
        .build()
        .toUriString();
  }

  public String gateway(HttpServletRequest request) {
    return base(request) + "/sandbox/gateway.do";
  }
}
