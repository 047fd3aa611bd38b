package io.paygate.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.paygate.alipay.wire.AlipayTimes;
import io.paygate.core.channel.BillEntry;
import io.paygate.core.channel.BillLookup;
import io.paygate.core.channel.ChannelBill;
import io.paygate.core.channel.PayOrder;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.RefundOutcome;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.exchanges.Exchange;
import io.paygate.core.money.Money;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Daily bills from the sandbox. Its own sandbox database: advancing the virtual clock a day would
 * expire the orders of the other round-trip tests, which share theirs.
 */
// Its own sandbox on its own database: it runs beside the round trips on the shared one, its own
// tests one after the other (they share its clock).
@Execution(ExecutionMode.CONCURRENT)
class SandboxBillRoundTripTest extends SandboxChannelSupport {

  static final String BILL_METHOD = "alipay.data.dataservice.bill.downloadurl.query";

  @DynamicPropertySource
  static void ownDatabase(DynamicPropertyRegistry registry) {
    registry.add(
        "paygate.sandbox.database-url", () -> "jdbc:h2:mem:alipay-bill-tests;DB_CLOSE_DELAY=-1");
  }

  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  void aFinishedDaysBillListsThePaymentAndTheRefund() throws Exception {
    LocalDate day = sandboxToday();
    String outTradeNo = unique("BL");
    submit(channel.payForm(longLivedOrder(outTradeNo, "20.00")));
    buyerPays(outTradeNo);
    String tradeNo =
        ((TradeLookup.Found) channel.queryTrade(TradeRef.byOutTradeNo(outTradeNo)))
            .trade()
            .tradeNo();
    assertThat(channel.refund(refundOf(outTradeNo, "R1", "5.00")))
        .isInstanceOf(RefundOutcome.Accepted.class);
    advancePastTheEndOf(day);

    BillLookup lookup = channel.bill(null, day);

    assertThat(lookup).as("%s", lookup).isInstanceOf(BillLookup.Ready.class);
    ChannelBill bill = ((BillLookup.Ready) lookup).bill();
    assertThat(bill.date()).isEqualTo(day);
    assertThat(bill.from()).isEqualTo(day.atStartOfDay(AlipayTimes.BEIJING).toInstant());
    assertThat(bill.to()).isEqualTo(bill.from().plus(Duration.ofDays(1)));
    assertThat(bill.entries().stream().filter(e -> e.outTradeNo().equals(outTradeNo)))
        .extracting(BillEntry::kind, BillEntry::tradeNo, BillEntry::outRequestNo, BillEntry::amount)
        .containsExactly(
            tuple(BillEntry.Kind.PAYMENT, tradeNo, null, Money.parse("20.00")),
            tuple(BillEntry.Kind.REFUND, tradeNo, "R1", Money.parse("5.00")));
    assertThat(bill.entries())
        .allSatisfy(
            e -> assertThat(e.finishedAt()).isAfterOrEqualTo(bill.from()).isBefore(bill.to()));
    assertThat(exchanges.all())
        .extracting(Exchange::operation, Exchange::outcome)
        .contains(tuple("bill", "ok"), tuple("billDownload", "ok"));
    assertThat(exchanges.all())
        .filteredOn(e -> e.operation().equals("billDownload"))
        .allSatisfy(e -> assertThat(e.request()).doesNotContain("?"));
  }

  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  void todaysBillIsNotReady() throws Exception {
    assertThat(channel.bill(null, sandboxToday())).isInstanceOf(BillLookup.NotReady.class);
  }

  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  void aDayWithoutTradesIsAnEmptyBill() throws Exception {
    LocalDate longAgo = sandboxToday().minusYears(1);

    BillLookup lookup = channel.bill(null, longAgo);

    assertThat(lookup).isInstanceOf(BillLookup.Ready.class);
    assertThat(((BillLookup.Ready) lookup).bill().entries()).isEmpty();
  }

  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  void aSystemErrorIsUnknown() throws Exception {
    putFaults(
        "{\"gateway\":[{\"kind\":\"system_error\",\"methods\":[\""
            + BILL_METHOD
            + "\"],\"count\":1}]}");
    try {
      BillLookup lookup = channel.bill(null, sandboxToday().minusDays(1));

      assertThat(lookup).isInstanceOf(BillLookup.Unknown.class);
      assertThat(((BillLookup.Unknown) lookup).reason()).contains("ACQ.SYSTEM_ERROR");
    } finally {
      HTTP.send(
          HttpRequest.newBuilder(sandbox("/sandbox/api/faults")).DELETE().build(),
          HttpResponse.BodyHandlers.discarding());
    }
  }

  /** Expires long after the clock moves on, unlike the shared helper's order. */
  private PayOrder longLivedOrder(String outTradeNo, String amount) {
    return new PayOrder(
        null,
        outTradeNo,
        Product.PAGE,
        Money.parse(amount),
        "账单测试",
        "bill round trip",
        Instant.now().plus(Duration.ofDays(30)));
  }

  private Instant sandboxNow() throws Exception {
    return Instant.parse(JSON.readTree(get("/sandbox/api/clock").body()).get("now").asText());
  }

  private LocalDate sandboxToday() throws Exception {
    return sandboxNow().atZone(AlipayTimes.BEIJING).toLocalDate();
  }

  private void advancePastTheEndOf(LocalDate day) throws Exception {
    Instant end = day.plusDays(1).atStartOfDay(AlipayTimes.BEIJING).toInstant();
    long seconds = Duration.between(sandboxNow(), end).toSeconds() + 60;
    post("/sandbox/api/clock/advance", "{\"seconds\":" + seconds + "}");
  }

  private void putFaults(String json) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(sandbox("/sandbox/api/faults"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private void post(String path, String json) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(sandbox(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private URI sandbox(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}
