package io.paygate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What an operator watches: the probes, the paygate_* metrics a real flow moves, and log lines that
 * name their payment and carry no secret.
 */
@Isolated("reads the captured console")
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest extends SharedServerTest {

  @Autowired MeterRegistry meters;

  @Autowired Map<String, HealthIndicator> health;

  @Test
  void probesAnswerUpWithoutALogin() {
    for (String path :
        new String[] {
          "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"
        }) {
      Reply reply = get(path);
      assertThat(reply.status()).as(path).isEqualTo(200);
      assertThat(reply.json().get("status").asString()).as(path).isEqualTo("UP");
    }
  }

  @Test
  void theChannelsHealthIsAConnectToItsGateway() {
    var channel = health.get("channel").health();
    assertThat(channel.getStatus()).isEqualTo(Status.UP);
    assertThat(channel.getDetails().get("gateway")).isEqualTo("http://localhost:" + port);
  }

  @Test
  void aPaidPaymentMovesTheNotifyAndChannelCallMetrics() throws InterruptedException {
    double appliedBefore = count("paygate.notifies", "outcome", "applied");
    Timer payFormBefore = meters.find("paygate.channel.calls").tag("api", "payForm").timer();
    long payFormsBefore = payFormBefore == null ? 0 : payFormBefore.count();
    String outTradeNo = paidPayment("3.00");
    waitFor(() -> count("paygate.notifies", "outcome", "applied") > appliedBefore);

    Timer payForm = meters.find("paygate.channel.calls").tag("api", "payForm").timer();
    assertThat(payForm).as("the pay form's call is timed").isNotNull();
    assertThat(payForm.count()).isGreaterThan(payFormsBefore);
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PAID");
  }

  @Test
  void aForgedNotifyIsCountedByReasonAndItsLogLineNamesThePayment(CapturedOutput output) {
    double before = count("paygate.notifies", "reason", "not_genuine");
    String outTradeNo = createPayment("4.00", "page");

    Reply reply =
        postForm(
            "/alipay/notify",
            Map.of(
                "out_trade_no", outTradeNo,
                "trade_status", "TRADE_SUCCESS",
                "total_amount", "4.00",
                "app_id", appId(),
                "sign_type", "RSA2",
                "sign", "Zm9yZ2VkU2lnbmF0dXJlVmFsdWU="));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(count("paygate.notifies", "reason", "not_genuine")).isEqualTo(before + 1);
    assertThat(output.getOut())
        .containsPattern(
            "WARN \\[" + outTradeNo + " -\\].*refused a notification \\(NOT_GENUINE\\)");
    assertThat(output.getOut()).doesNotContain("Zm9yZ2VkU2lnbmF0dXJlVmFsdWU=");
  }

  @Test
  void aForgedNumberCannotWriteIntoTheLog(CapturedOutput output) {
    postForm("/alipay/notify", Map.of("out_trade_no", "P1\nFAKE LINE", "sign", "x"));

    assertThat(output.getOut()).doesNotContain("FAKE LINE").contains("[- -]");
  }

  @Test
  void noLineOfAWholeFlowCarriesAKeyOrASignature(CapturedOutput output) {
    paidPayment("5.00");

    assertThat(output.getOut())
        .doesNotContain("PRIVATE KEY")
        .doesNotContain("sign=")
        .doesNotContain(API_KEY);
  }

  private double count(String name, String tag, String value) {
    return meters.find(name).tag(tag, value).counters().stream().mapToDouble(Counter::count).sum();
  }

  private static void waitFor(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
      Thread.sleep(50);
    }
    assertThat(condition.getAsBoolean()).as("in time").isTrue();
  }
}
