package io.paygate.sandbox.wechatpay.notify;

import io.paygate.sandbox.SandboxProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.stereotype.Component;

/** POSTs one notification (JSON, the signed headers) over HTTP/1.1; never throws. */
@Component
public class WxNotificationSender {

  private static final int MAX_REPLY = 500;

  private final HttpClient http;
  private final SandboxProperties properties;

  public WxNotificationSender(SandboxProperties properties) {
    this.properties = properties;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(properties.notifyConnectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public record Reply(Integer httpStatus, String body) {
    /** Any 2xx acknowledges (WeChat Pay takes 200 or 204, body optional). */
    public boolean acknowledged() {
      return httpStatus != null && httpStatus >= 200 && httpStatus < 300;
    }
  }

  public Reply send(String url, Map<String, String> headers, String body) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(properties.notifyReadTimeout())
              .header("Content-Type", "application/json")
              .header("Accept", "*/*")
              .header("User-Agent", "Mozilla/4.0")
              .header("Pragma", "no-cache")
              .header("Cache-Control", "no-cache")
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      headers.forEach(request::header);
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(response.statusCode(), truncate(response.body()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply(null, "interrupted");
    } catch (Exception e) {
      return new Reply(null, truncate(e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
  }

  private static String truncate(String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= MAX_REPLY ? text : text.substring(0, MAX_REPLY);
  }
}
