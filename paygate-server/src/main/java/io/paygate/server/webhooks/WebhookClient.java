package io.paygate.server.webhooks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One webhook POST over HTTP/1.1, on a socket PayGate connects itself to an address looked up once
 * ({@link WebhookTargets#resolve}): the address checked is the address called, no second look-up
 * can send it elsewhere. The JDK's HttpClient cannot be given the address to connect to (it looks
 * the name up again at connect), and a POST with a small JSON body and a status to read is little
 * HTTP; so this is a plain socket, with TLS on top for https, where the name still rules: the
 * {@code Host} header, SNI and the certificate's check (endpoint identification {@code HTTPS}) all
 * use the URL's host, as any client would.
 *
 * <p>A receiver can hold PayGate's thread only so long: the whole exchange (connect, TLS, send,
 * reply) has one deadline, after which a watchdog closes the socket whatever it waits on, and the
 * reply is read up to a cap, its rest never read (the connection is closed). The deadline is real
 * time on the wire, not the service's clock.
 */
final class WebhookClient implements AutoCloseable {

  /** What came back. */
  sealed interface Outcome {
    /**
     * A status line came back; {@code cut} says why the body is partial (the cap, the deadline), or
     * is null.
     */
    record Answered(int status, String body, String cut) implements Outcome {}

    /** No status: what went wrong, in a few words. */
    record Failed(String error) implements Outcome {}
  }

  private final SSLSocketFactory tls;
  private final int maxReply;
  private final ScheduledThreadPoolExecutor watchdog;

  WebhookClient(SSLSocketFactory tls, int maxReply) {
    this.tls = tls;
    this.maxReply = maxReply;
    this.watchdog =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "paygate-webhook-deadline");
              thread.setDaemon(true);
              return thread;
            });
    this.watchdog.setRemoveOnCancelPolicy(true);
  }

  /** Posts the body to the URL at one of the target's addresses, tried in order. */
  Outcome post(
      URI url,
      WebhookTargets.Resolved target,
      Map<String, String> headers,
      byte[] body,
      Duration deadline) {
    AtomicReference<Socket> open = new AtomicReference<>();
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> alarm =
        watchdog.schedule(
            () -> {
              expired.set(true);
              closeQuietly(open.get());
            },
            deadline.toNanos(),
            TimeUnit.NANOSECONDS);
    long end = System.nanoTime() + deadline.toNanos();
    Reading reading = new Reading();
    try {
      Socket socket = connect(url, target, open, expired, end);
      OutputStream out = socket.getOutputStream();
      out.write(head(url, headers, body.length));
      out.write(body);
      out.flush();
      // The cap counts what is taken from the socket; the buffer sits above it.
      Capped capped = new Capped(socket.getInputStream(), maxReply);
      return read(new BufferedInputStream(capped, 8192), capped, reading);
    } catch (IOException | RuntimeException e) {
      if (reading.status > 0) {
        // The receiver answered, then its body broke off or ran past the deadline: the status
        // stands, with what came of the body.
        return new Outcome.Answered(
            reading.status,
            reading.body.toString(StandardCharsets.UTF_8),
            expired.get() ? "reply cut at the deadline" : "reply broken off");
      }
      if (expired.get()) {
        return new Outcome.Failed("no answer in time");
      }
      return new Outcome.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
    } finally {
      alarm.cancel(false);
      closeQuietly(open.get());
    }
  }

  private Socket connect(
      URI url,
      WebhookTargets.Resolved target,
      AtomicReference<Socket> open,
      AtomicBoolean expired,
      long end)
      throws IOException {
    boolean https = url.getScheme().equalsIgnoreCase("https");
    int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
    IOException last = new IOException("no address to connect to");
    for (InetAddress address : target.addresses()) {
      Socket plain = new Socket();
      open.set(plain);
      if (expired.get()) {
        throw new IOException("deadline passed");
      }
      try {
        plain.connect(new InetSocketAddress(address, port), remainingMillis(end));
      } catch (IOException e) {
        closeQuietly(plain);
        last = e;
        continue;
      }
      plain.setTcpNoDelay(true);
      if (!https) {
        return plain;
      }
      SSLSocket secure = (SSLSocket) tls.createSocket(plain, target.host(), port, true);
      SSLParameters parameters = secure.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      if (!literal(target.host())) {
        parameters.setServerNames(List.of(new SNIHostName(target.host())));
      }
      secure.setSSLParameters(parameters);
      open.set(secure);
      secure.startHandshake();
      return secure;
    }
    throw last;
  }

  private static int remainingMillis(long end) {
    long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
  }

  private static byte[] head(URI url, Map<String, String> headers, int length) {
    StringBuilder head = new StringBuilder();
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    if (url.getRawQuery() != null) {
      path += "?" + url.getRawQuery();
    }
    head.append("POST ").append(path).append(" HTTP/1.1\r\n");
    // getHost keeps an IPv6 literal's brackets, as the header wants them
    head.append("Host: ").append(url.getHost());
    if (url.getPort() != -1) {
      head.append(':').append(url.getPort());
    }
    head.append("\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("Content-Length: ").append(length).append("\r\n");
    head.append("Connection: close\r\n\r\n");
    return head.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** What has been read so far, for a reply that breaks off. */
  private static final class Reading {
    int status;
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
  }

  private Outcome read(InputStream in, Capped cap, Reading reading) throws IOException {
    int status;
    Map<String, String> headers;
    do {
      String statusLine = line(in);
      if (statusLine == null) {
        return new Outcome.Failed(
            cap.full() ? "reply head over " + maxReply + " bytes" : "no status line in the reply");
      }
      status = status(statusLine);
      if (status < 0) {
        return new Outcome.Failed("not an HTTP reply");
      }
      reading.status = status;
      headers = new HashMap<>();
      String line;
      while ((line = line(in)) != null && !line.isEmpty()) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.put(
              line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
              line.substring(colon + 1).trim());
        }
      }
      if (line == null) {
        return answered(reading, cap);
      }
    } while (status / 100 == 1); // 100 Continue and the like come before the answer
    String encoding = headers.getOrDefault("transfer-encoding", "");
    if (encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      chunked(in, reading.body);
    } else if (headers.containsKey("content-length")) {
      long length = parseLength(headers.get("content-length"));
      copy(in, reading.body, length);
    } else {
      copy(in, reading.body, Long.MAX_VALUE);
    }
    return answered(reading, cap);
  }

  private Outcome answered(Reading reading, Capped cap) {
    return new Outcome.Answered(
        reading.status,
        reading.body.toString(StandardCharsets.UTF_8),
        cap.full() ? "reply cut at " + maxReply + " bytes" : null);
  }

  private static void chunked(InputStream in, ByteArrayOutputStream body) throws IOException {
    while (true) {
      String size = line(in);
      if (size == null) {
        return;
      }
      int semicolon = size.indexOf(';');
      long length;
      try {
        length = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
      } catch (NumberFormatException e) {
        return;
      }
      if (length == 0) {
        return; // trailers, if any, are not needed
      }
      if (copy(in, body, length) < length || line(in) == null) {
        return;
      }
    }
  }

  /** Copies up to {@code length} bytes or to the end; returns how many. */
  private static long copy(InputStream in, ByteArrayOutputStream body, long length)
      throws IOException {
    byte[] buffer = new byte[8192];
    long copied = 0;
    while (copied < length) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - copied));
      if (n < 0) {
        break;
      }
      body.write(buffer, 0, n);
      copied += n;
    }
    return copied;
  }

  /** A line without its CRLF, or null at the end of the stream (or the cap). */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return null;
  }

  private static int status(String statusLine) {
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/") || parts[1].length() != 3) {
      return -1;
    }
    try {
      return Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static long parseLength(String value) {
    try {
      return Math.max(0, Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static boolean literal(String host) {
    return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
  }

  private static void closeQuietly(Socket socket) {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing is all that was asked
      }
    }
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
  }

  /** A stream that ends after {@code cap} bytes, saying whether it ended there. */
  private static final class Capped extends InputStream {
    private final InputStream in;
    private long left;

    Capped(InputStream in, long cap) {
      this.in = in;
      this.left = cap;
    }

    boolean full() {
      return left <= 0;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(buffer, offset, (int) Math.min(length, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }
}
