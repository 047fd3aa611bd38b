package io.paygate.alipay.support;

import io.paygate.core.channel.InboundNotification;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Parameters sent as Alipay sends them: a form encoded in the charset it names. */
public final class Forms {

  private Forms() {}

  /** The form as the raw body of a notification Alipay posts. */
  public static InboundNotification notification(Map<String, String> parameters) {
    String type = "application/x-www-form-urlencoded; charset=utf-8";
    return new InboundNotification(
        Map.of("Content-Type", type),
        encoded(parameters).getBytes(StandardCharsets.ISO_8859_1),
        type);
  }

  /** The form as a URL's query string (the buyer's return). */
  public static String query(Map<String, String> parameters) {
    return encoded(parameters);
  }

  private static String encoded(Map<String, String> parameters) {
    Charset charset;
    try {
      charset = Charset.forName(parameters.getOrDefault("charset", "utf-8"));
    } catch (RuntimeException unknown) {
      charset = StandardCharsets.UTF_8;
    }
    StringBuilder body = new StringBuilder();
    for (Map.Entry<String, String> p : parameters.entrySet()) {
      body.append(body.isEmpty() ? "" : "&")
          .append(URLEncoder.encode(p.getKey(), charset))
          .append('=')
          .append(URLEncoder.encode(p.getValue(), charset));
    }
    return body.toString();
  }
}
