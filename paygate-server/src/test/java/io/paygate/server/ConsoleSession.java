package io.paygate.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser session with the console over plain HTTP: one session cookie, kept by hand
 * (the JDK client shares no cookie jar between tests), and the CSRF token read from the page the
 * form is on, as a browser would send it.
 */
public final class ConsoleSession {

  private static final Pattern SESSION_COOKIE = Pattern.compile("JSESSIONID=([^;]+)");
  private static final Pattern CSRF =
      Pattern.compile("<input type=\"hidden\" name=\"_csrf\" value=\"([^\"]+)\"");

  private final HttpClient http;
  private final String base;
  private String session;

  public ConsoleSession(HttpClient http, String base) {
    this.http = http;
    this.base = base;
  }

  public record Page(int status, String location, String body, HttpResponse<String> raw) {
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  public String sessionId() {
    return session;
  }

  /** Spring Security's login form: fields username, password and _csrf. */
  public Page logInAs(String username, String password) {
    String token = csrf("/login");
    return post("/login", Map.of("username", username, "password", password, "_csrf", token));
  }

  public Page get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  /** The CSRF token in the first form of a page. */
  public String csrf(String pagePath) {
    Page page = get(pagePath);
    Matcher token = CSRF.matcher(page.body());
    if (!token.find()) {
      throw new AssertionError("no CSRF token on " + pagePath + ": " + page.status());
    }
    return token.group(1);
  }

  /** Posts a form as the page at {@code formPage} would, with its CSRF token. */
  public Page submit(String formPage, String action, Map<String, String> fields) {
    Map<String, String> withToken = new LinkedHashMap<>(fields);
    withToken.put("_csrf", csrf(formPage));
    return post(action, withToken);
  }

  /** Posts a form exactly as given: no token unless the caller adds one. */
  public Page post(String path, Map<String, String> fields) {
    String encoded =
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encoded)));
  }

  private Page send(HttpRequest.Builder request) {
    if (session != null) {
      request.header("Cookie", "JSESSIONID=" + session);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      for (String cookie : response.headers().allValues("Set-Cookie")) {
        Matcher id = SESSION_COOKIE.matcher(cookie);
        if (id.find()) {
          session = id.group(1);
        }
      }
      return new Page(
          response.statusCode(),
          response.headers().firstValue("Location").orElse(""),
          response.body(),
          response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
