package io.paygate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.internal.util.AlipaySignature;
import io.paygate.core.testkit.Receiver;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class NotifyScheduleTest extends PageFlowSupport {

  @Test
  void failedNotifiesAreRetriedOnAlipaysScheduleUntilSuccess() throws Exception {
    try (Receiver receiver = new Receiver().replying("fail", "<html>ok</html>", "fail", "fail")) {
      String out = unique("RETRY");
      openCashier(pagePay(biz(out, "3.00", "FAST_INSTANT_TRADE_PAY"), receiver.url(), null));
      buyer("pay", out, "111111");
      assertThat(receiver.received()).hasSize(1);

      advance(230);
      assertThat(receiver.received()).hasSize(1);
      advance(15); // 4m after the first attempt
      assertThat(receiver.received()).hasSize(2);
      advance(590);
      assertThat(receiver.received()).hasSize(2);
      advance(15); // 10m
      assertThat(receiver.received()).hasSize(3);
      advance(605); // 10m
      assertThat(receiver.received()).hasSize(4);
      advance(3605); // 1h: the fifth attempt gets "success"
      assertThat(receiver.received()).hasSize(5);
      advance(7205 + 6 * 3600 + 15 * 3600);
      assertThat(receiver.received()).hasSize(5);

      JsonNode notify = json(get(base() + "/sandbox/api/notifies?out_trade_no=" + out)).get(0);
      assertThat(notify.get("delivered").asBoolean()).isTrue();
      JsonNode attempts = notify.get("attempts");
      assertThat(attempts).hasSize(5);
      long[] expected = {240, 600, 600, 3600};
      for (int i = 1; i < attempts.size(); i++) {
        Duration gap =
            Duration.between(
                Instant.parse(attempts.get(i - 1).get("at").asString()),
                Instant.parse(attempts.get(i).get("at").asString()));
        assertThat(gap.toSeconds()).isBetween(expected[i - 1], expected[i - 1] + 20);
      }
      assertThat(attempts.get(1).get("reply").asString()).isEqualTo("<html>ok</html>");
      String notifyId = receiver.received().get(0).get("notify_id");
      assertThat(receiver.received()).allMatch(n -> n.get("notify_id").equals(notifyId));
      assertThat(receiver.received())
          .allMatch(
              n -> {
                try {
                  return AlipaySignature.rsaCheckV1(
                      new HashMap<>(n), app().alipayPublicKey(), "UTF-8", "RSA2");
                } catch (Exception e) {
                  return false;
                }
              });
    }
  }

  @Test
  void aNotifyNobodyAcknowledgesStopsAfterEightAttempts() throws Exception {
    try (Receiver receiver = new Receiver()) {
      receiver.replying("no", "no", "no", "no", "no", "no", "no", "no");
      String out = unique("GIVEUP");
      openCashier(pagePay(biz(out, "3.00", "FAST_INSTANT_TRADE_PAY"), receiver.url(), null));
      buyer("pay", out, "111111");

      for (long step : new long[] {240, 600, 600, 3600, 7200, 21600, 54000, 86400, 86400}) {
        advance(step + 5);
      }

      assertThat(receiver.received()).hasSize(8);
      JsonNode notify = json(get(base() + "/sandbox/api/notifies?out_trade_no=" + out)).get(0);
      assertThat(notify.get("delivered").asBoolean()).isFalse();
      assertThat(notify.get("next_attempt_at").isNull()).isTrue();

      long id = notify.get("id").asLong();
      receiver.replying("success");
      JsonNode redelivered =
          json(sendJson("POST", base() + "/sandbox/api/notifies/" + id + "/redeliver", ""));
      assertThat(redelivered.get("delivered").asBoolean()).isTrue();
      assertThat(receiver.received()).hasSize(9);
      assertThat(receiver.received().get(8).get("notify_id"))
          .isEqualTo(receiver.received().get(0).get("notify_id"));
    }
  }

  @Test
  void anUnreachableNotifyUrlIsRecordedAndRetried() throws Exception {
    String out = unique("DOWN");
    openCashier(
        pagePay(biz(out, "3.00", "FAST_INSTANT_TRADE_PAY"), "http://127.0.0.1:1/notify", null));
    buyer("pay", out, "111111");

    JsonNode notify = json(get(base() + "/sandbox/api/notifies?out_trade_no=" + out)).get(0);
    assertThat(notify.get("attempts")).hasSize(1);
    assertThat(notify.get("attempts").get(0).get("http_status").isNull()).isTrue();
    assertThat(notify.get("delivered").asBoolean()).isFalse();
    assertThat(notify.get("next_attempt_at").isNull()).isFalse();
  }

  @Test
  void wapTradesTimeOutOnTheVirtualClockAndNotifyTheClose() throws Exception {
    try (Receiver receiver = new Receiver()) {
      String out = unique("WAP");
      String bizContent =
          "{\"out_trade_no\":\""
              + out
              + "\",\"total_amount\":\"9.99\",\"subject\":\"wap\","
              + "\"product_code\":\"QUICK_WAP_WAY\",\"timeout_express\":\"5m\"}";
      openCashier(wapPay(bizContent, receiver.url()));
      buyer("scan", out, null);

      advance(200);
      assertThat(query(out).getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");
      advance(110);

      assertThat(query(out).getTradeStatus()).isEqualTo("TRADE_CLOSED");
      assertThat(receiver.received()).hasSize(1);
      assertThat(receiver.received().get(0))
          .containsEntry("trade_status", "TRADE_CLOSED")
          .containsKey("gmt_close")
          .doesNotContainKey("gmt_payment");
      assertThat(buyer("pay", out, "111111").statusCode()).isEqualTo(409);
    }
  }

  @Test
  void clockAdvanceValidatesItsInput() throws Exception {
    var bad = sendJson("POST", base() + "/sandbox/api/clock/advance", "{\"seconds\":-5}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("code").asString()).isEqualTo("INVALID_SECONDS");
    Instant before = Instant.parse(json(get(base() + "/sandbox/api/clock")).get("now").asString());
    Instant after = Instant.parse(advance(3600));
    assertThat(Duration.between(before, after).toSeconds()).isBetween(3600L, 3610L);
  }
}
