package io.paygate.sandbox.wechatpay;

import com.sun.net.httpserver.HttpServer;
import com.wechat.pay.java.core.notification.RequestParam;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A merchant's notify_url for tests: keeps each POST as the SDK's {@link RequestParam} (the raw
 * body and the {@code Wechatpay-*} headers, as a merchant hands them to {@code
 * NotificationParser}), answers scripted HTTP statuses, then 204.
 */
final class WxNotifyReceiver implements AutoCloseable {

  private final HttpServer server;
  private final List<RequestParam> received = new CopyOnWriteArrayList<>();
  private final Deque<Integer> statuses = new ArrayDeque<>();

  WxNotifyReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/notify",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          var h = exchange.getRequestHeaders();
          received.add(
              new RequestParam.Builder()
                  .serialNumber(h.getFirst("Wechatpay-Serial"))
                  .nonce(h.getFirst("Wechatpay-Nonce"))
                  .signature(h.getFirst("Wechatpay-Signature"))
                  .timestamp(h.getFirst("Wechatpay-Timestamp"))
                  .signType(h.getFirst("Wechatpay-Signature-Type"))
                  .body(body)
                  .build());
          Integer status;
          synchronized (statuses) {
            status = statuses.poll();
          }
          if (status == null || status == 204) {
            exchange.sendResponseHeaders(204, -1);
          } else {
            byte[] reply =
                "{\"code\":\"FAIL\",\"message\":\"失败\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, reply.length);
            exchange.getResponseBody().write(reply);
          }
          exchange.close();
        });
    server.start();
  }

  /** The next answers' statuses, in order; after them, 204. */
  WxNotifyReceiver answering(Integer... next) {
    synchronized (statuses) {
      statuses.addAll(List.of(next));
    }
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
  }

  List<RequestParam> received() {
    return received;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
