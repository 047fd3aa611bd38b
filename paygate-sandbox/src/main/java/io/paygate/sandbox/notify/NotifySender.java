package io.paygate.sandbox.notify;

import io.paygate.sandbox.SandboxProperties;
import io.paygate.sandbox.wire.FormEncoding;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.stereotype.Component;

/** POSTs one notify form (UTF-8 unless told otherwise) with short timeouts; never throws. */
@Component
public class NotifySender {

  private static final int MAX_REPLY = 500;

  private final HttpClient http;
  private final SandboxProperties properties;

  public NotifySender(SandboxProperties properties) {
    this.properties = properties;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(properties.notifyConnectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public record Reply(Integer httpStatus, String body) {
    /** Only HTTP 200 with exactly {@code success} acknowledges. */
    public boolean acknowledged() {
      return httpStatus != null && httpStatus == 200 && "success".equals(body);
    }
  }

  /** Form-encodes in {@code charset} (UTF-8, or GBK for the gbk fault) and says so. */
  public Reply send(String url, Map<String, String> form, Charset charset) {
    String body = FormEncoding.encode(form, charset);
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(properties.notifyReadTimeout())
              .header(
                  "Content-Type",
                  "application/x-www-form-urlencoded; charset="
                      + (charset.equals(StandardCharsets.UTF_8) ? "utf-8" : "gbk"))
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.US_ASCII))
              .build();
      HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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
