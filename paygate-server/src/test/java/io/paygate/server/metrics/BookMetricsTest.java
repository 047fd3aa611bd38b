package io.paygate.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.server.SharedServerTest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The books' counters on {@code /actuator/prometheus} move once per real change, through the real
 * flow: a notify delivered again or a refused close counts nothing.
 */
class BookMetricsTest extends SharedServerTest {

  private double count(String series) {
    String body = prometheus("admin", ADMIN_PASSWORD).body();
    Matcher m =
        Pattern.compile("^" + Pattern.quote(series) + " ([0-9.E]+)$", Pattern.MULTILINE)
            .matcher(body);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  @Test
  void theKnownSeriesExistAtZeroFromStartUp() {
    // Series nothing in this class moves: a page payment never fails, a channel's refund is never
    // retried. They are there, at zero, before any such event (rates and alerts read them).
    String body = prometheus("admin", ADMIN_PASSWORD).body();
    assertThat(body)
        .contains("paygate_payments_total{event=\"failed\",product=\"page\"} 0.0")
        .contains("paygate_payments_total{event=\"created\",product=\"barcode\"}")
        .contains("paygate_refunds_total{origin=\"channel\",outcome=\"retried\"} 0.0");
  }

  @Test
  void paymentsAndRefundsAreCountedOncePerChangeByProductAndOutcome() {
    String created = "paygate_payments_total{event=\"created\",product=\"page\"}";
    String paid = "paygate_payments_total{event=\"paid\",product=\"page\"}";
    String closed = "paygate_payments_total{event=\"closed\",product=\"wap\"}";
    String partly = "paygate_payments_total{event=\"partially_refunded\",product=\"page\"}";
    String requested = "paygate_refunds_total{origin=\"paygate\",outcome=\"requested\"}";
    String succeeded = "paygate_refunds_total{origin=\"paygate\",outcome=\"succeeded\"}";
    double[] before = {
      count(created), count(paid), count(closed), count(partly), count(requested), count(succeeded)
    };

    String outTradeNo = paidPayment("5.00");
    // Paying it again changes nothing, so counts nothing.
    payAsBuyer(outTradeNo);
    assertThat(
            api(
                    "POST",
                    "/api/v1/payments/" + outTradeNo + "/refunds",
                    Map.of("refund_amount", "1.00"))
                .status())
        .isEqualTo(201);
    String wap = createPayment("2.00", "wap");
    assertThat(api("POST", "/api/v1/payments/" + wap + "/close", null).status()).isEqualTo(200);
    // Closing it again is refused or a no-op: either way, not a second close.
    api("POST", "/api/v1/payments/" + wap + "/close", null);

    assertThat(count(created) - before[0]).isEqualTo(1);
    assertThat(count(paid) - before[1]).isEqualTo(1);
    assertThat(count(closed) - before[2]).isEqualTo(1);
    assertThat(count(partly) - before[3]).isEqualTo(1);
    assertThat(count(requested) - before[4]).isEqualTo(1);
    assertThat(count(succeeded) - before[5]).isEqualTo(1);
  }
}
