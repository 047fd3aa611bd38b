package io.paygate.alipay.bill;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.paygate.core.exchanges.Exchange;
import io.paygate.core.exchanges.ExchangeRecorder;
import io.paygate.core.testkit.RecordingExchangeLog;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BillDownloaderTest {

  private HttpServer server;
  private final RecordingExchangeLog exchanges = new RecordingExchangeLog();
  private BillDownloader downloader;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/bill", exchange -> reply(exchange, 200, new byte[100]));
    server.createContext("/big", exchange -> reply(exchange, 200, new byte[5000]));
    server.createContext("/gone", exchange -> reply(exchange, 410, "下载超时".getBytes()));
    server.start();
    downloader =
        new BillDownloader(
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            1024,
            new ExchangeRecorder(exchanges, Clock.systemUTC()));
  }

  private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, byte[] body)
      throws java.io.IOException {
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI url(String path) {
    return URI.create(
        "http://127.0.0.1:" + server.getAddress().getPort() + path + "?fileId=1&token=SECRET");
  }

  @Test
  void downloadsAndRecordsTheUrlWithoutItsToken() {
    BillStep<byte[]> zip = downloader.download(url("/bill"));

    assertThat(((BillStep.Done<byte[]>) zip).value()).hasSize(100);
    Exchange recorded = exchanges.last();
    assertThat(recorded.operation()).isEqualTo("billDownload");
    assertThat(recorded.request())
        .isEqualTo("GET http://127.0.0.1:" + server.getAddress().getPort() + "/bill")
        .doesNotContain("SECRET");
    assertThat(recorded.response()).isEqualTo("100 bytes");
    assertThat(recorded.outcome()).isEqualTo("ok");
  }

  @Test
  void anErrorStatusIsAFailure() {
    BillStep<byte[]> zip = downloader.download(url("/gone"));

    assertThat(zip).isEqualTo(new BillStep.Failed<byte[]>("HTTP 410"));
    assertThat(exchanges.last().outcome()).isEqualTo("unknown");
  }

  @Test
  void moreThanTheCapIsRefused() {
    BillStep<byte[]> zip = downloader.download(url("/big"));

    assertThat(((BillStep.Failed<byte[]>) zip).reason()).isEqualTo("larger than 1024 bytes");
  }

  @Test
  void anUnreachableHostIsAFailure() {
    server.stop(0);

    assertThat(downloader.download(url("/bill"))).isInstanceOf(BillStep.Failed.class);
  }
}
