package io.paygate.alipay.bill;

import io.paygate.alipay.gateway.Redaction;
import io.paygate.core.exchanges.ExchangeRecorder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches the bill zip from {@code bill_download_url}, at most {@code maxBytes} of it and within
 * the channel's timeouts: the URL comes from outside, so neither its size nor its speed is trusted.
 * Each download is recorded as an exchange, with the URL's token and query string left out.
 */
final class BillDownloader {

  static final String OPERATION = "billDownload";

  private final HttpClient http;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final long maxBytes;
  private final ExchangeRecorder recorder;

  BillDownloader(
      Duration connectTimeout, Duration readTimeout, long maxBytes, ExchangeRecorder recorder) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.maxBytes = maxBytes;
    this.recorder = recorder;
  }

  BillStep<byte[]> download(URI url) {
    Instant at = recorder.now();
    long started = System.nanoTime();
    BillStep<byte[]> result = fetch(url);
    String response =
        result instanceof BillStep.Done<byte[]> done
            ? done.value().length + " bytes"
            : ((BillStep.Failed<byte[]>) result).reason();
    recorder.outbound(
        at,
        OPERATION,
        null,
        Redaction.redact("GET " + withoutQuery(url)),
        Redaction.redact(response),
        result instanceof BillStep.Done ? "ok" : "unknown",
        (System.nanoTime() - started) / 1_000_000);
    return result;
  }

  /** Scheme, host, port and path: the query carries the download's token. */
  static String withoutQuery(URI url) {
    String port = url.getPort() == -1 ? "" : ":" + url.getPort();
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    return url.getScheme() + "://" + url.getHost() + port + path;
  }

  private BillStep<byte[]> fetch(URI url) {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(readTimeout).GET().build();
    CompletableFuture<HttpResponse<byte[]>> sent =
        http.sendAsync(request, info -> body(info.statusCode()));
    // The request timeout ends with the headers; this deadline also bounds a body that trickles.
    long deadline = connectTimeout.plus(readTimeout).toMillis();
    try {
      HttpResponse<byte[]> response = sent.get(deadline, TimeUnit.MILLISECONDS);
      if (response.statusCode() / 100 != 2) {
        return new BillStep.Failed<>("HTTP " + response.statusCode());
      }
      return new BillStep.Done<>(response.body());
    } catch (TimeoutException e) {
      sent.cancel(true);
      return new BillStep.Failed<>("no complete answer within " + deadline + " ms");
    } catch (InterruptedException e) {
      sent.cancel(true);
      Thread.currentThread().interrupt();
      return new BillStep.Failed<>("interrupted");
    } catch (ExecutionException e) {
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        if (t instanceof TooLarge) {
          return new BillStep.Failed<>("larger than " + maxBytes + " bytes");
        }
      }
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
      return new BillStep.Failed<>(cause.getClass().getSimpleName() + message);
    }
  }

  private HttpResponse.BodySubscriber<byte[]> body(int status) {
    // An error page is not read: only its status is reported.
    return status / 100 == 2
        ? new CappedBody(maxBytes)
        : HttpResponse.BodySubscribers.replacing(new byte[0]);
  }

  /** Collects at most max bytes, then cancels the download. */
  private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final long max;
    private Flow.Subscription subscription;

    CappedBody(long max) {
      this.max = max;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer buffer : buffers) {
        if (bytes.size() + (long) buffer.remaining() > max) {
          subscription.cancel();
          result.completeExceptionally(new TooLarge());
          return;
        }
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        bytes.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable error) {
      result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      result.complete(bytes.toByteArray());
    }
  }

  private static final class TooLarge extends IOException {

    TooLarge() {
      super("the bill is larger than allowed");
    }
  }
}
