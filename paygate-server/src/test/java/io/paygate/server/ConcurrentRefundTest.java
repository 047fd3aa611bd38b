package io.paygate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Many refunds of one payment at once never add up to more than was paid. */
class ConcurrentRefundTest extends SharedServerTest {

  @Autowired JdbcClient jdbc;

  @Test
  void concurrentRefundsNeverExceedThePaidAmount() throws Exception {
    String outTradeNo = paidPayment("10.00");
    int threads = 24;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Reply>> replies = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Callable<Reply> refund =
          () -> {
            start.await();
            return api(
                "POST",
                "/api/v1/payments/" + outTradeNo + "/refunds",
                Map.of("refund_amount", "1.00"));
          };
      replies.add(pool.submit(refund));
    }
    start.countDown();
    int succeeded = 0;
    int refused = 0;
    for (Future<Reply> future : replies) {
      Reply reply = future.get(60, TimeUnit.SECONDS);
      if (reply.status() == 201) {
        assertThat(reply.json().get("status").asString()).isEqualTo("SUCCEEDED");
        succeeded++;
      } else {
        // Nothing left to refund: refused for the amount, or, once the last refund has made the
        // payment REFUNDED, for its state. Either way nothing moved.
        assertThat(reply.status()).isIn(409, 422);
        assertThat(reply.json().get("code").asString())
            .isIn("REFUND_EXCEEDS_AVAILABLE", "PAYMENT_NOT_REFUNDABLE");
        refused++;
      }
    }
    pool.shutdown();

    assertThat(succeeded).isEqualTo(10);
    assertThat(refused).isEqualTo(threads - 10);
    JsonNode payment = payment(outTradeNo);
    assertThat(payment.get("refunded_amount").asString()).isEqualTo("10.00");
    assertThat(payment.get("status").asString()).isEqualTo("REFUNDED");
    // Alipay agrees: its trade is closed by the full refund, not over-refunded.
    JsonNode refunds = api("GET", "/api/v1/payments/" + outTradeNo + "/refunds", null).json();
    assertThat(refunds.size()).isEqualTo(10);
  }

  @Test
  void twoRefundsAnsweredInTheOtherOrderAreNoRefundMismatch() throws Exception {
    String outTradeNo = paidPayment("10.00");
    String refunds = "/api/v1/payments/" + outTradeNo + "/refunds";
    String notifies = "/sandbox/api/notifies?out_trade_no=" + outTradeNo;
    int notifiedBefore = get(notifies).json().size();
    // Alipay makes A at once but its answer (refund_fee 3.00) is held; B is made and answered
    // (refund_fee 7.00) meanwhile. Their notifies are dropped: only the answers tell.
    fault(
        "{\"gateway\":[{\"kind\":\"timeout\",\"methods\":[\"alipay.trade.refund\"],"
            + "\"hold_seconds\":2,\"count\":1}],"
            + "\"notify\":[{\"kind\":\"drop\",\"count\":2}]}");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Reply> first =
          pool.submit(
              () -> api("POST", refunds, Map.of("refund_amount", "3.00", "out_request_no", "A")));
      // A is made at Alipay (its notify is recorded, dropped) while its answer is still held.
      while (get(notifies).json().size() == notifiedBefore) {
        assertThat(first.isDone()).as("A's answer was held").isFalse();
        Thread.onSpinWait();
      }

      Reply second = api("POST", refunds, Map.of("refund_amount", "4.00", "out_request_no", "B"));
      Reply held = first.get(60, TimeUnit.SECONDS);

      assertThat(second.json().get("status").asString()).isEqualTo("SUCCEEDED");
      assertThat(held.json().get("status").asString()).isEqualTo("SUCCEEDED");
    } finally {
      pool.shutdown();
      clearSandboxFaults();
    }
    JsonNode payment = payment(outTradeNo);
    assertThat(payment.get("refunded_amount").asString()).isEqualTo("7.00");
    assertThat(payment.hasNonNull("attention")).isFalse();
  }
}
