package io.paygate.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook client against a scripted server on a real port: what it sends, the reply read up to
 * the cap, the deadline on the whole exchange, and the address given connected to by itself.
 */
class WebhookClientTest {

  private final WebhookClient client = new WebhookClient(defaultTls(), 1024);
  private ServerSocket server;

  /** A server that takes one connection, hands over what it was sent, and replies as told. */
  private interface Script {
    void reply(String request, OutputStream out) throws Exception;
  }

  private CompletableFuture<String> serve(Script script) throws IOException {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    CompletableFuture<String> seen = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try (Socket socket = server.accept()) {
                String request = readRequest(socket.getInputStream());
                seen.complete(request);
                script.reply(request, socket.getOutputStream());
              } catch (Exception e) {
                seen.complete("failed: " + e);
              }
            });
    thread.setDaemon(true);
    thread.start();
    return seen;
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    if (server != null) {
      server.close();
    }
  }

  private WebhookClient.Outcome post(String host, Duration deadline) {
    URI url = URI.create("http://" + host + ":" + server.getLocalPort() + "/hooks/in?x=1");
    return client.post(
        url,
        new WebhookTargets.Resolved(host, List.of(InetAddress.getLoopbackAddress())),
        Map.of("PayGate-Event-Id", "evt_1"),
        "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
        deadline);
  }

  @Test
  void theNameIsSentAsTheHostWhileTheGivenAddressIsConnectedTo() throws Exception {
    CompletableFuture<String> seen =
        serve(
            (request, out) ->
                out.write(
                    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                        .getBytes(StandardCharsets.UTF_8)));
    // The name does not resolve anywhere: only the address given is used.
    WebhookClient.Outcome outcome = post("shop.invalid", Duration.ofSeconds(30));
    assertThat(outcome).isEqualTo(new WebhookClient.Outcome.Answered(200, "ok", null));
    String request = seen.get(10, TimeUnit.SECONDS);
    assertThat(request)
        .startsWith("POST /hooks/in?x=1 HTTP/1.1\r\n")
        .contains("Host: shop.invalid:" + server.getLocalPort() + "\r\n")
        .contains("PayGate-Event-Id: evt_1\r\n")
        .contains("Content-Length: 7\r\n")
        .endsWith("\r\n\r\n{\"a\":1}");
  }

  @Test
  void aChunkedReplyAfterAnInterimOneIsRead() throws Exception {
    serve(
        (request, out) ->
            out.write(
                ("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8)));
    assertThat(post("localhost", Duration.ofSeconds(30)))
        .isEqualTo(new WebhookClient.Outcome.Answered(202, "abcde", null));
  }

  @Test
  void aHugeReplyIsReadOnlyUpToTheCap() throws Exception {
    AtomicLong written = new AtomicLong();
    CountDownLatch stopped = new CountDownLatch(1);
    serve(
        (request, out) -> {
          out.write("HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.UTF_8));
          byte[] chunk = "x".repeat(1024).getBytes(StandardCharsets.UTF_8);
          try {
            // Endless: only the client's closing ends it.
            while (true) {
              out.write(chunk);
              written.addAndGet(chunk.length);
            }
          } finally {
            stopped.countDown();
          }
        });
    WebhookClient.Outcome outcome = post("localhost", Duration.ofMinutes(5));
    WebhookClient.Outcome.Answered answered = (WebhookClient.Outcome.Answered) outcome;
    assertThat(answered.status()).isEqualTo(200);
    assertThat(answered.cut()).isEqualTo("reply cut at 1024 bytes");
    assertThat(answered.body()).matches("x+").hasSizeLessThan(1024);
    // The connection was closed: the endless writer met it.
    assertThat(stopped.await(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aReceiverThatNeverAnswersMeetsTheDeadline() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    serve((request, out) -> never.await(60, TimeUnit.SECONDS));
    assertThat(post("localhost", Duration.ofMillis(300)))
        .isEqualTo(new WebhookClient.Outcome.Failed("no answer in time"));
    never.countDown();
  }

  @Test
  void aTrickledReplyIsCutAtTheDeadlineAndItsStatusStands() throws Exception {
    CountDownLatch hangUp = new CountDownLatch(1);
    serve(
        (request, out) -> {
          out.write(
              "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
          // A byte at a time, until told to stop (the client's deadline comes first).
          while (!hangUp.await(50, TimeUnit.MILLISECONDS)) {
            out.write('.');
            out.flush();
          }
        });
    WebhookClient.Outcome outcome = post("localhost", Duration.ofMillis(500));
    hangUp.countDown();
    WebhookClient.Outcome.Answered answered = (WebhookClient.Outcome.Answered) outcome;
    assertThat(answered.status()).isEqualTo(200);
    assertThat(answered.cut()).isEqualTo("reply cut at the deadline");
    assertThat(answered.body()).matches("\\.*");
  }

  @Test
  void aRefusedConnectionIsAFailure() throws Exception {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    server.close();
    assertThat(post("localhost", Duration.ofSeconds(5)))
        .isInstanceOf(WebhookClient.Outcome.Failed.class);
  }

  @Test
  void httpsChecksTheCertificateAndSendsSniForTheNameWhileConnectingToTheAddress()
      throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    X500Name name = new X500Name("CN=shop.test");
    Instant now = Instant.now();
    X509Certificate certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        name,
                        BigInteger.valueOf(now.toEpochMilli()),
                        Date.from(now.minus(Duration.ofDays(1))),
                        Date.from(now.plus(Duration.ofDays(1))),
                        name,
                        keys.getPublic())
                    .addExtension(
                        Extension.subjectAlternativeName,
                        false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, "shop.test")))
                    .build(
                        new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    KeyStore serverKeys = KeyStore.getInstance("PKCS12");
    serverKeys.load(null, null);
    serverKeys.setKeyEntry("shop", keys.getPrivate(), new char[0], new Certificate[] {certificate});
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(serverKeys, new char[0]);
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(keyManagers.getKeyManagers(), null, null);
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("shop", certificate);
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, trust.getTrustManagers(), null);

    SSLServerSocket tlsServer =
        (SSLServerSocket)
            serverTls
                .getServerSocketFactory()
                .createServerSocket(0, 2, InetAddress.getLoopbackAddress());
    CompletableFuture<List<SNIServerName>> sni = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              for (int i = 0; i < 2; i++) {
                try (SSLSocket socket = (SSLSocket) tlsServer.accept()) {
                  socket.startHandshake();
                  sni.complete(
                      ((ExtendedSSLSession) socket.getSession()).getRequestedServerNames());
                  readRequest(socket.getInputStream());
                  socket
                      .getOutputStream()
                      .write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                  // the second client refuses the certificate
                }
              }
            });
    thread.setDaemon(true);
    thread.start();
    try (WebhookClient tls = new WebhookClient(clientTls.getSocketFactory(), 1024)) {
      for (String host : List.of("shop.test", "other.test")) {
        WebhookClient.Outcome outcome =
            tls.post(
                URI.create("https://" + host + ":" + tlsServer.getLocalPort() + "/hook"),
                new WebhookTargets.Resolved(host, List.of(InetAddress.getLoopbackAddress())),
                Map.of(),
                new byte[0],
                Duration.ofSeconds(30));
        if (host.equals("shop.test")) {
          assertThat(outcome).isEqualTo(new WebhookClient.Outcome.Answered(204, "", null));
          assertThat(sni.get(10, TimeUnit.SECONDS)).containsExactly(new SNIHostName("shop.test"));
        } else {
          // Same address, same certificate: the name is not the certificate's, so refused.
          assertThat(((WebhookClient.Outcome.Failed) outcome).error())
              .startsWith("SSLHandshakeException");
        }
      }
    } finally {
      tlsServer.close();
    }
  }

  private static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int contentLength = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      bytes.write(b);
      String text = bytes.toString(StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      if (end >= 0) {
        if (contentLength < 0) {
          java.util.regex.Matcher m =
              java.util.regex.Pattern.compile("Content-Length: (\\d+)").matcher(text);
          contentLength = m.find() ? Integer.parseInt(m.group(1)) : 0;
        }
        if (bytes.size() >= end + 4 + contentLength) {
          break;
        }
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static SSLSocketFactory defaultTls() {
    try {
      return SSLContext.getDefault().getSocketFactory();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
