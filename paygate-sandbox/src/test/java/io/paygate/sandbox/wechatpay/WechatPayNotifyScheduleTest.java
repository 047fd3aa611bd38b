package io.paygate.sandbox.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import com.wechat.pay.java.service.payments.model.Transaction;
import io.paygate.core.testkit.Receiver;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Notifications retried on WeChat Pay's schedule, on the virtual clock, until a 2xx. */
class WechatPayNotifyScheduleTest extends WechatPayTestSupport {

  @Test
  void aRefusedNotificationIsRetriedAfter15s15sAnd30sAndEachAttemptIsSignedAfresh()
      throws Exception {
    Merchant m = newMerchant("public_key");
    try (Receiver receiver = merchantEndpoint(500, 500, 500)) {
      String no = unique("S");
      nativePay(publicKeyConfig(m)).prepay(nativeOrder(m, no, 2, receiver.url()));
      payerPays(m.mchid(), null, no);
      assertThat(notified(receiver)).hasSize(1);

      advanceClock(14);
      assertThat(notified(receiver)).hasSize(1);
      advanceClock(1);
      assertThat(notified(receiver)).hasSize(2);
      advanceClock(14);
      assertThat(notified(receiver)).hasSize(2);
      advanceClock(1);
      assertThat(notified(receiver)).hasSize(3);
      advanceClock(29);
      assertThat(notified(receiver)).hasSize(3);
      advanceClock(1);
      assertThat(notified(receiver)).hasSize(4);
      advanceClock(3600);
      assertThat(notified(receiver)).hasSize(4);

      JsonNode notification = notifications(no).get(0);
      assertThat(notification.get("delivered").asBoolean()).isTrue();
      assertThat(notification.get("event_type").asString()).isEqualTo("TRANSACTION.SUCCESS");
      assertThat(notification.get("attempts")).hasSize(4);
      assertThat(notification.get("attempts").get(0).get("http_status").asInt()).isEqualTo(500);
      assertThat(notification.get("attempts").get(3).get("http_status").asInt()).isEqualTo(204);

      // Same notification (same body), signed afresh (new nonce) each time; each one the SDK
      // accepts.
      assertThat(notified(receiver).stream().map(r -> r.getBody()).distinct()).hasSize(1);
      assertThat(notified(receiver).stream().map(r -> r.getMessage()).distinct()).hasSize(4);
      NotificationParser parser =
          new NotificationParser(
              new RSAPublicKeyNotificationConfig.Builder()
                  .publicKey(m.publicKey())
                  .publicKeyId(m.publicKeyId())
                  .apiV3Key(m.apiV3Key())
                  .build());
      for (var each : notified(receiver)) {
        assertThat(parser.parse(each, Transaction.class).getOutTradeNo()).isEqualTo(no);
      }
    }
  }

  @Test
  void aMerchantThatNeverAnswersGetsFifteenRetriesOverAboutADay() throws Exception {
    Merchant m = newMerchant("public_key");
    try (Receiver receiver = merchantEndpoint()) {
      int[] failures = new int[20];
      java.util.Arrays.fill(failures, 503);
      receiver.answering(failures);
      String no = unique("S");
      nativePay(publicKeyConfig(m)).prepay(nativeOrder(m, no, 2, receiver.url()));
      payerPays(m.mchid(), null, no);
      long[] waits = {
        15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600
      };
      for (int i = 0; i < waits.length; i++) {
        advanceClock(waits[i] - 1);
        assertThat(notified(receiver)).hasSize(i + 1);
        advanceClock(1);
        assertThat(notified(receiver)).hasSize(i + 2);
      }
      advanceClock(24 * 3600);
      assertThat(notified(receiver)).hasSize(16);
      JsonNode notification = notifications(no).get(0);
      assertThat(notification.get("delivered").asBoolean()).isFalse();
      assertThat(notification.get("next_attempt_at").isNull()).isTrue();
    }
  }
}
