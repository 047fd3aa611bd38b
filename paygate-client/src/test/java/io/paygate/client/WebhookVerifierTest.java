package io.paygate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.client.Models.Event;
import io.paygate.client.Models.Payment;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The verification rule, against signatures computed here from the rule's words. */
class WebhookVerifierTest {

  private static final String SECRET = "whsec_test-secret";
  private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String BODY =
      "{\"id\":\"evt_1\",\"type\":\"payment.succeeded\",\"created\":\"2026-12-03T07:59:59Z\","
          + "\"data\":{\"object\":{\"out_trade_no\":\"P1\",\"status\":\"PAID\","
          + "\"total_amount\":\"12.30\"}}}";

  private static String sign(String secret, long t, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
  }

  private static Event verify(String body, String header, List<String> secrets) {
    return WebhookVerifier.verify(body, header, secrets, Duration.ofMinutes(5), CLOCK);
  }

  @Test
  void aGenuineRecentWebhookGivesItsEventWithTheObjectTyped() throws Exception {
    long t = NOW.getEpochSecond() - 10;
    Event event = verify(BODY, "t=" + t + ",v1=" + sign(SECRET, t, BODY), List.of(SECRET));
    assertThat(event.id()).isEqualTo("evt_1");
    assertThat(event.type()).isEqualTo("payment.succeeded");
    Payment payment = event.object(Payment.class);
    assertThat(payment.outTradeNo()).isEqualTo("P1");
    assertThat(payment.totalAmount()).isEqualByComparingTo("12.30");
  }

  @Test
  void duringARotationEitherSecretIsEnough() throws Exception {
    long t = NOW.getEpochSecond();
    String header = "t=" + t + ",v1=" + sign("whsec_new", t, BODY) + ",v1=" + sign(SECRET, t, BODY);
    assertThat(verify(BODY, header, List.of(SECRET)).id()).isEqualTo("evt_1");
    assertThat(verify(BODY, header, List.of("whsec_new")).id()).isEqualTo("evt_1");
  }

  @Test
  void aTamperedBodyAWrongSecretAnOldTimestampOrABadHeaderIsRefused() throws Exception {
    long t = NOW.getEpochSecond();
    String good = "t=" + t + ",v1=" + sign(SECRET, t, BODY);
    String tampered = BODY.replace("12.30", "1230.00");
    assertThatThrownBy(() -> verify(tampered, good, List.of(SECRET)))
        .isInstanceOf(WebhookVerifier.InvalidSignature.class);
    assertThatThrownBy(() -> verify(BODY, good, List.of("whsec_other")))
        .isInstanceOf(WebhookVerifier.InvalidSignature.class);
    long old = NOW.getEpochSecond() - 301;
    assertThatThrownBy(
            () -> verify(BODY, "t=" + old + ",v1=" + sign(SECRET, old, BODY), List.of(SECRET)))
        .isInstanceOf(WebhookVerifier.InvalidSignature.class)
        .hasMessageContaining("tolerance");
    // The same signature under another timestamp is not valid.
    assertThatThrownBy(() -> verify(BODY, good.replace("t=" + t, "t=" + (t - 1)), List.of(SECRET)))
        .isInstanceOf(WebhookVerifier.InvalidSignature.class);
    for (String header : new String[] {"", "v1=abc", "t=" + t, "t=soon,v1=abc", null}) {
      assertThatThrownBy(() -> verify(BODY, header, List.of(SECRET)))
          .as(String.valueOf(header))
          .isInstanceOf(WebhookVerifier.InvalidSignature.class);
    }
  }
}
