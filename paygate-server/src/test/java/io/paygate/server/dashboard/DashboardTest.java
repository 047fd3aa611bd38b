package io.paygate.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.channel.Channels;
import io.paygate.server.ConsoleSession;
import io.paygate.server.pages.PagesProperties;
import io.paygate.server.recovery.HeldAnswersServerTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboard's figures, from payments and refunds made through the whole real flow. On the
 * held-answers server for its settable clocks: both move to 10:00 of a day 31 days past anything
 * the tests before did (clocks there only move forward), so today's figures and the 30 days' hold
 * this test's money alone.
 */
class DashboardTest extends HeldAnswersServerTest {

  @Autowired PagesProperties pages;
  @Autowired JdbcClient jdbc;
  @Autowired Channels channels;
  @Autowired DashboardQueries queries;

  @Test
  void todaysPaidVolumeRefundsSuccessRateAndAttentionAddUp() {
    clocksInStep();
    ZoneId zone = pages.zone();
    LocalDate today =
        LocalDate.ofInstant(clock.instant(), zone).plusDays(DashboardQueries.DAYS + 1);
    advanceBothTo(today.atStartOfDay(zone).toInstant().plus(Duration.ofHours(10)));

    ConsoleSession viewer = operatorWithRole("VIEWER");
    String empty = viewer.get("/").body();
    assertThat(figure(empty, "paid-volume-today")).isEqualTo("0.00 元");
    assertThat(figure(empty, "success-rate-today")).isEqualTo("—");
    assertThat(figure(empty, "paid-volume-month")).isEqualTo("0.00 元");
    // Payments needing a person are counted whenever they were made: other tests' are here too.
    int attentionBefore = Integer.parseInt(figure(empty, "needs-attention"));

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
    assertThat(Integer.parseInt(figure(body, "needs-attention"))).isEqualTo(attentionBefore + 1);
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

    // Two channels are configured here: each has its share of the figures.
    assertThat(channelFigure(body, "alipay", "paid-volume-today")).isEqualTo("21.00 元");
    assertThat(channelFigure(body, "wechatpay", "paid-volume-today")).isEqualTo("0.00 元");
    paidWechatPayment("3.00");
    String both = viewer.get("/").body();
    assertThat(figure(both, "paid-volume-today")).isEqualTo("24.00 元");
    assertThat(channelFigure(both, "alipay", "paid-volume-month")).isEqualTo("21.00 元");
    assertThat(channelFigure(both, "wechatpay", "paid-volume-today")).isEqualTo("3.00 元");
    assertThat(channelFigure(both, "wechatpay", "refunded-volume-month")).isEqualTo("0.00 元");
  }

  @Test
  void aShopWithOneChannelHasNoBreakdown() {
    // The same queries over the same books, for a shop that configured Alipay alone.
    DashboardQueries alipayOnly =
        new DashboardQueries(jdbc, Channels.single(channels.of("alipay")), clock, pages);
    assertThat(alipayOnly.dashboard().channels()).isEmpty();
    assertThat(queries.dashboard().channels())
        .extracting(Dashboard.ChannelFigures::channel)
        .containsExactlyElementsOf(channels.ids());
  }

  /** A figure of the channel's row in the per-channel table. */
  private static String channelFigure(String body, String channel, String figure) {
    Matcher m =
        Pattern.compile(
                "id=\"channel-" + channel + "\">.*?class=\"" + figure + "\"[^>]*>([^<]*)<",
                Pattern.DOTALL)
            .matcher(body);
    assertThat(m.find()).as(figure + " of " + channel + " on the dashboard").isTrue();
    return m.group(1).trim();
  }

  private static String figure(String body, String id) {
    Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(body);
    assertThat(m.find()).as(id + " on the dashboard").isTrue();
    return m.group(1).trim();
  }
}
