package io.paygate.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.server.ConsoleSession;
import io.paygate.server.ServerTestSupport;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The dashboard's figures, from payments and refunds made through the whole real flow. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class DashboardTest extends ServerTestSupport {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    serverProperties(registry, "dashboard");
  }

  @Test
  void todaysPaidVolumeRefundsSuccessRateAndAttentionAddUp() {
    ConsoleSession viewer = operatorWithRole("VIEWER");
    String empty = viewer.get("/").body();
    assertThat(figure(empty, "paid-volume-today")).isEqualTo("0.00 元");
    assertThat(figure(empty, "success-rate-today")).isEqualTo("—");

    String first = paidPayment("12.34");
    paidPayment("7.66");
    createPayment("5.00", "page"); // created, never paid
    Reply refund =
        api("POST", "/api/v1/payments/" + first + "/refunds", Map.of("refund_amount", "2.00"));
    assertThat(refund.status()).isEqualTo(201);
    // Paid after the shop closed it: booked, flagged for a person, and refunded in full later.
    String late = createPayment("1.00", "page");
    Reply page = loadPayPage(late);
    assertThat(api("POST", "/api/v1/payments/" + late + "/close", null).status()).isEqualTo(200);
    submitPayForm(page);
    assertThat(payAsBuyer(late).status()).isEqualTo(200);

    String body = viewer.get("/").body();
    assertThat(figure(body, "paid-volume-today")).isEqualTo("21.00 元");
    assertThat(figure(body, "paid-count-today")).isEqualTo("3");
    // 3 of the 4 created today are paid.
    assertThat(figure(body, "success-rate-today")).isEqualTo("75%");
    assertThat(figure(body, "refunded-volume-today")).isEqualTo("2.00 元");
    assertThat(figure(body, "paid-volume-month")).isEqualTo("21.00 元");
    assertThat(figure(body, "needs-attention")).isEqualTo("1");
    // The chart's table has 30 days, today last with today's volume.
    Matcher days =
        Pattern.compile("data-day=\"([0-9-]+)\" data-volume=\"([0-9.]+)\"").matcher(body);
    int count = 0;
    String lastVolume = null;
    while (days.find()) {
      count++;
      lastVolume = days.group(2);
    }
    assertThat(count).isEqualTo(30);
    assertThat(lastVolume).isEqualTo("21.00");
    // The chart's library comes from the jar (a webjar), never from a CDN.
    Matcher chart = Pattern.compile("<script src=\"(/webjars/uplot/[^\"]+)\"").matcher(body);
    assertThat(chart.find()).isTrue();
    assertThat(get(chart.group(1)).status()).isEqualTo(200);
    assertThat(body).doesNotContain("src=\"http").doesNotContain("href=\"http");
  }

  private static String figure(String body, String id) {
    Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(body);
    assertThat(m.find()).as(id + " on the dashboard").isTrue();
    return m.group(1).trim();
  }
}
