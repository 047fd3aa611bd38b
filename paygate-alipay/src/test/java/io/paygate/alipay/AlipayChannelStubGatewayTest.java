package io.paygate.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.internal.util.AlipaySignature;
import io.paygate.alipay.support.StubGateway;
import io.paygate.alipay.support.TestKeys;
import io.paygate.alipay.support.TestSettings;
import io.paygate.core.channel.BarcodeOutcome;
import io.paygate.core.channel.CancelOutcome;
import io.paygate.core.channel.ChannelError;
import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.channel.CloseOutcome;
import io.paygate.core.channel.PayOrder;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.RefundLookup;
import io.paygate.core.channel.RefundOrder;
import io.paygate.core.channel.RefundOutcome;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.channel.TradeState;
import io.paygate.core.exchanges.Exchange;
import io.paygate.core.exchanges.ExchangeLog;
import io.paygate.core.money.Money;
import io.paygate.core.testkit.RecordingExchangeLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the channel reads every kind of answer, against a stub gateway signing like Alipay. */
class AlipayChannelStubGatewayTest {

  private static final String QUERY = "alipay.trade.query";
  private static final String REFUND = "alipay.trade.refund";
  private static final String REFUND_QUERY = "alipay.trade.fastpay.refund.query";
  private static final String CLOSE = "alipay.trade.close";
  private static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");

  private StubGateway gateway;
  private RecordingExchangeLog exchanges;
  private AlipayChannel channel;

  @BeforeEach
  void start() throws Exception {
    gateway = new StubGateway();
    exchanges = new RecordingExchangeLog();
    channel = channelWith(exchanges);
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  private AlipayChannel channelWith(ExchangeLog log) {
    return new AlipayChannel(
        TestSettings.forGateway(gateway.url(), Duration.ofMillis(700)),
        log,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static String error(String code, String subCode, String subMsg) {
    return "{\"code\":\""
        + code
        + "\",\"msg\":\"Business Failed\",\"sub_code\":\""
        + subCode
        + "\",\"sub_msg\":\""
        + subMsg
        + "\"}";
  }

  private static final TradeRef TRADE = TradeRef.byOutTradeNo("PG1");

  // --- alipay.trade.query

  @Test
  void aPaidTradeIsFoundWithItsAmountBuyerAndPaymentTime() {
    gateway.answer(
        QUERY,
        "{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":\"2026112622001400000000000001\","
            + "\"out_trade_no\":\"PG1\",\"trade_status\":\"TRADE_SUCCESS\",\"total_amount\":\"20.00\","
            + "\"receipt_amount\":\"20.00\",\"buyer_logon_id\":\"csq***@sandbox.com\","
            + "\"buyer_user_id\":\"2088102169481075\",\"send_pay_date\":\"2026-11-26 10:00:04\"}");

    TradeLookup lookup = channel.queryTrade(TRADE);

    assertThat(lookup)
        .isEqualTo(
            new TradeLookup.Found(
                new ChannelTrade(
                    "PG1",
                    "2026112622001400000000000001",
                    TradeState.PAID,
                    Money.parse("20.00"),
                    "csq***@sandbox.com",
                    "2088102169481075",
                    Instant.parse("2026-11-26T02:00:04Z"))));
  }

  @Test
  void requestsAreSignedWithRsa2ByTheAppKeyAndCarryModelJson() throws Exception {
    gateway.answer(QUERY, error("40004", "ACQ.TRADE_NOT_EXIST", "交易不存在"));

    channel.queryTrade(new TradeRef(null, "PG\"1", null));

    Map<String, String> request = gateway.lastRequest();
    assertThat(request)
        .containsEntry("app_id", TestSettings.APP_ID)
        .containsEntry("method", QUERY)
        .containsEntry("sign_type", "RSA2")
        .containsEntry("charset", "UTF-8")
        .containsEntry("biz_content", "{\"out_trade_no\":\"PG\\\"1\"}");
    // Request signatures include sign_type: the V2 check.
    assertThat(
            AlipaySignature.rsaCheckV2(
                new HashMap<>(request), TestKeys.APP.publicKey(), "UTF-8", "RSA2"))
        .isTrue();
  }

  @Test
  void anUnknownTradeIsNotFound() {
    gateway.answer(QUERY, error("40004", "ACQ.TRADE_NOT_EXIST", "交易不存在"));

    assertThat(channel.queryTrade(TRADE)).isEqualTo(new TradeLookup.NotFound());
    assertThat(exchanges.last().outcome()).isEqualTo("not-found");
  }

  @Test
  void aBusinessErrorIsRefusedWithAlipaysCodes() {
    gateway.answer(QUERY, error("40004", "ACQ.INVALID_PARAMETER", "参数无效"));

    assertThat(channel.queryTrade(TRADE))
        .isEqualTo(new TradeLookup.Refused(new ChannelError("ACQ.INVALID_PARAMETER", "参数无效")));
    assertThat(exchanges.last().outcome()).isEqualTo("refused");
  }

  @Test
  void systemErrorsAreUnknown() {
    gateway.answer(QUERY, error("20000", "isp.unknow-error", "系统繁忙"));
    assertThat(channel.queryTrade(TRADE)).isInstanceOf(TradeLookup.Unknown.class);

    gateway.answer(QUERY, error("40004", "ACQ.SYSTEM_ERROR", "系统错误"));
    assertThat(channel.queryTrade(TRADE)).isInstanceOf(TradeLookup.Unknown.class);
    assertThat(exchanges.last().outcome()).isEqualTo("unknown");
  }

  @Test
  void anAnswerNotSignedByAlipayIsUnknown() {
    gateway.answerBadlySigned(
        QUERY,
        "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"PG1\","
            + "\"trade_status\":\"TRADE_SUCCESS\",\"total_amount\":\"20.00\"}");

    TradeLookup lookup = channel.queryTrade(TRADE);

    assertThat(lookup).isInstanceOf(TradeLookup.Unknown.class);
    assertThat(((TradeLookup.Unknown) lookup).reason()).contains("sign check fail");
  }

  @Test
  void aTimeoutIsUnknown() {
    gateway.hang(QUERY);

    TradeLookup lookup = channel.queryTrade(TRADE);

    assertThat(lookup).isInstanceOf(TradeLookup.Unknown.class);
    assertThat(((TradeLookup.Unknown) lookup).reason()).containsIgnoringCase("timed out");
    assertThat(exchanges.last().response()).startsWith("(no answer)");
  }

  @Test
  void anUnreachableGatewayIsUnknown() {
    gateway.close();

    assertThat(channel.queryTrade(TRADE)).isInstanceOf(TradeLookup.Unknown.class);
  }

  @Test
  void aSuccessWithAnUnknownStatusOrAmountIsNotTrusted() {
    gateway.answer(
        QUERY,
        "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"PG1\","
            + "\"trade_status\":\"TRADE_PENDING\",\"total_amount\":\"20.00\"}");
    assertThat(channel.queryTrade(TRADE)).isInstanceOf(TradeLookup.Unknown.class);

    gateway.answer(
        QUERY,
        "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"PG1\","
            + "\"trade_status\":\"TRADE_SUCCESS\",\"total_amount\":\"20.001\"}");
    assertThat(channel.queryTrade(TRADE)).isInstanceOf(TradeLookup.Unknown.class);
  }

  // --- recording

  @Test
  void everyCallIsRecordedWithoutSignaturesOrKeys() {
    gateway.answer(QUERY, error("40004", "ACQ.TRADE_NOT_EXIST", "交易不存在"));

    channel.queryTrade(TRADE);

    Exchange exchange = exchanges.last();
    assertThat(exchange.direction()).isEqualTo(Exchange.Direction.OUTBOUND);
    assertThat(exchange.operation()).isEqualTo("queryTrade");
    assertThat(exchange.outTradeNo()).isEqualTo("PG1");
    assertThat(exchange.at()).isEqualTo(NOW);
    assertThat(exchange.request()).isEqualTo("{\"out_trade_no\":\"PG1\"}");
    assertThat(exchange.response()).contains("ACQ.TRADE_NOT_EXIST").doesNotContain("\"sign\"");
    assertThat(exchange.durationMillis()).isGreaterThanOrEqualTo(0);
    String everything = exchange.toString();
    assertThat(everything)
        .doesNotContain(TestKeys.APP.privateKey().substring(100, 140))
        .doesNotContain(gateway.lastRequest().get("sign").substring(0, 40));
  }

  @Test
  void aFailingExchangeLogNeverFailsTheCall() {
    gateway.answer(QUERY, error("40004", "ACQ.TRADE_NOT_EXIST", "交易不存在"));
    ExchangeLog broken =
        new ExchangeLog() {
          @Override
          public void record(Exchange exchange) {
            throw new IllegalStateException("database is down");
          }

          @Override
          public List<Exchange> forPayment(String outTradeNo) {
            return List.of();
          }
        };

    assertThat(channelWith(broken).queryTrade(TRADE)).isEqualTo(new TradeLookup.NotFound());
  }

  // --- alipay.trade.refund

  private static final RefundOrder REFUND_ORDER =
      new RefundOrder(null, "PG1", null, "RF1", Money.parse("5.00"), "damaged");

  @Test
  void anAcceptedRefundCarriesTheCumulativeFeeAndWhetherMoneyMoved() {
    gateway.answer(
        REFUND,
        "{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":\"T1\",\"out_trade_no\":\"PG1\","
            + "\"buyer_logon_id\":\"csq***@sandbox.com\",\"fund_change\":\"Y\","
            + "\"refund_fee\":\"25.00\",\"gmt_refund_pay\":\"2026-11-26 11:00:00\"}");

    RefundOutcome outcome = channel.refund(REFUND_ORDER);

    assertThat(outcome)
        .isEqualTo(
            new RefundOutcome.Accepted(
                Money.parse("25.00"), true, Instant.parse("2026-11-26T03:00:00Z")));
    assertThat(gateway.lastRequest().get("biz_content"))
        .contains("\"out_request_no\":\"RF1\"")
        .contains("\"refund_amount\":\"5.00\"")
        .contains("\"out_trade_no\":\"PG1\"");
    assertThat(exchanges.last().operation()).isEqualTo("refund");
  }

  @Test
  void aRepeatedRefundThatMovedNothingSaysSo() {
    gateway.answer(
        REFUND,
        "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"PG1\",\"fund_change\":\"N\","
            + "\"refund_fee\":\"5\"}");

    assertThat(channel.refund(REFUND_ORDER))
        .isEqualTo(new RefundOutcome.Accepted(Money.parse("5.00"), false, null));
  }

  @Test
  void aRefusedRefundPassesAlipaysCodesOn() {
    gateway.answer(REFUND, error("40004", "ACQ.SELLER_BALANCE_NOT_ENOUGH", "卖家余额不足"));

    assertThat(channel.refund(REFUND_ORDER))
        .isEqualTo(
            new RefundOutcome.Refused(new ChannelError("ACQ.SELLER_BALANCE_NOT_ENOUGH", "卖家余额不足")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"20000/isp.unknow-error", "40004/ACQ.SYSTEM_ERROR", "40004/aop.ACQ.SYSTEM_ERROR"})
  void aRefundWithASystemErrorIsUnknown(String codes) {
    String[] parts = codes.split("/");
    gateway.answer(REFUND, error(parts[0], parts[1], "系统错误"));

    assertThat(channel.refund(REFUND_ORDER)).isInstanceOf(RefundOutcome.Unknown.class);
  }

  @Test
  void anUnsignedRefusalIsNotTrusted() {
    // The SDK verifies signatures only on success; a forged "no such trade" must not fail a refund.
    gateway.answerUnsigned(REFUND_QUERY, error("40004", "ACQ.TRADE_NOT_EXIST", "交易不存在"));
    assertThat(channel.queryRefund(TRADE, "R1")).isInstanceOf(RefundLookup.Unknown.class);

    gateway.answerUnsigned(CLOSE, error("40004", "ACQ.TRADE_NOT_EXIST", "交易不存在"));
    assertThat(channel.close(TRADE)).isInstanceOf(CloseOutcome.Unknown.class);
  }

  @Test
  void aRefundThatTimesOutIsUnknown() {
    gateway.hang(REFUND);

    assertThat(channel.refund(REFUND_ORDER)).isInstanceOf(RefundOutcome.Unknown.class);
  }

  // --- alipay.trade.fastpay.refund.query

  @Test
  void aSuccessfulRefundIsReportedWithItsAmountAndTime() {
    gateway.answer(
        REFUND_QUERY,
        "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"PG1\",\"out_request_no\":\"RF1\","
            + "\"total_amount\":\"20.00\",\"refund_amount\":\"5.00\","
            + "\"refund_status\":\"REFUND_SUCCESS\",\"gmt_refund_pay\":\"2026-11-26 11:00:00\"}");

    assertThat(channel.queryRefund(TRADE, "RF1"))
        .isEqualTo(
            new RefundLookup.Refunded(Money.parse("5.00"), Instant.parse("2026-11-26T03:00:00Z")));
    assertThat(gateway.lastRequest().get("biz_content"))
        .contains("\"out_request_no\":\"RF1\"")
        .contains("\"query_options\":[\"gmt_refund_pay\"]");
  }

  @Test
  void anAmountWithoutRefundStatusIsNotYetARefund() {
    // Older documents read an amount as success; only REFUND_SUCCESS is one now (0a35a44).
    gateway.answer(
        REFUND_QUERY,
        "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"PG1\",\"out_request_no\":\"RF1\","
            + "\"refund_amount\":\"5.00\"}");

    assertThat(channel.queryRefund(TRADE, "RF1"))
        .isEqualTo(new RefundLookup.Unknown("refund_amount without refund_status"));
  }

  @Test
  void aSuccessWithoutRefundDataMeansNotRefunded() {
    gateway.answer(
        REFUND_QUERY,
        "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"PG1\",\"out_request_no\":\"RF1\"}");

    assertThat(channel.queryRefund(TRADE, "RF1")).isEqualTo(new RefundLookup.NotRefunded());
    assertThat(exchanges.last().outcome()).isEqualTo("not-refunded");
  }

  @Test
  void noTradeMeansNotRefunded() {
    gateway.answer(REFUND_QUERY, error("40004", "ACQ.TRADE_NOT_EXIST", "交易不存在"));

    assertThat(channel.queryRefund(TRADE, "RF1")).isEqualTo(new RefundLookup.NotRefunded());
  }

  @Test
  void otherRefundQueryErrorsAreUnknown() {
    gateway.answer(REFUND_QUERY, error("20000", "isp.unknow-error", "系统繁忙"));
    assertThat(channel.queryRefund(TRADE, "RF1")).isInstanceOf(RefundLookup.Unknown.class);

    gateway.answer(REFUND_QUERY, error("40004", "ACQ.INVALID_PARAMETER", "参数无效"));
    assertThat(channel.queryRefund(TRADE, "RF1")).isInstanceOf(RefundLookup.Unknown.class);

    gateway.answer(
        REFUND_QUERY,
        "{\"code\":\"10000\",\"msg\":\"Success\",\"refund_status\":\"REFUND_PROCESSING\","
            + "\"refund_amount\":\"5.00\"}");
    assertThat(channel.queryRefund(TRADE, "RF1")).isInstanceOf(RefundLookup.Unknown.class);
  }

  // --- alipay.trade.close

  @Test
  void closeMapsEveryAnswer() {
    gateway.answer(CLOSE, "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"PG1\"}");
    assertThat(channel.close(TRADE)).isEqualTo(new CloseOutcome.Closed());

    gateway.answer(CLOSE, error("40004", "ACQ.TRADE_NOT_EXIST", "交易不存在"));
    assertThat(channel.close(TRADE)).isEqualTo(new CloseOutcome.NotFound());

    gateway.answer(CLOSE, error("40004", "ACQ.TRADE_STATUS_ERROR", "交易状态不合法"));
    assertThat(channel.close(TRADE))
        .isEqualTo(new CloseOutcome.Refused(new ChannelError("ACQ.TRADE_STATUS_ERROR", "交易状态不合法")));

    gateway.answer(CLOSE, error("40004", "ACQ.SYSTEM_ERROR", "系统错误"));
    assertThat(channel.close(TRADE)).isInstanceOf(CloseOutcome.Unknown.class);
    assertThat(exchanges.all()).extracting(Exchange::operation).containsOnly("close");
  }

  // --- face to face: Alipay's codes become the port's neutral outcomes

  @Test
  void aCancelOfATradeAlipayNeverMadeIsNotFoundAndARetriedChargeAlreadyPaidIsPaid() {
    gateway.answer(
        "alipay.trade.cancel",
        "{\"code\":\"10000\",\"msg\":\"Success\",\"retry_flag\":\"N\",\"action\":\"refund\"}");
    assertThat(channel.cancel(TRADE)).isEqualTo(new CancelOutcome.Cancelled("refund"));

    gateway.answer("alipay.trade.cancel", error("40004", "ACQ.TRADE_NOT_EXIST", "交易不存在"));
    assertThat(channel.cancel(TRADE)).isEqualTo(new CancelOutcome.NotFound());

    gateway.answer("alipay.trade.cancel", error("40004", "ACQ.TRADE_STATUS_ERROR", "交易状态不合法"));
    assertThat(channel.cancel(TRADE))
        .isEqualTo(
            new CancelOutcome.Refused(new ChannelError("ACQ.TRADE_STATUS_ERROR", "交易状态不合法")));

    PayOrder order =
        new PayOrder(null, "PG3", Product.BARCODE, Money.parse("1.00"), "tea", null, null);
    gateway.answer("alipay.trade.pay", error("40004", "ACQ.TRADE_HAS_SUCCESS", "交易已被支付"));
    assertThat(channel.payBarcode(order, "286648048691290423"))
        .isEqualTo(new BarcodeOutcome.Paid());
    gateway.answer("alipay.trade.pay", error("40004", "ACQ.PAYMENT_AUTH_CODE_INVALID", "付款码无效"));
    assertThat(channel.payBarcode(order, "286648048691290423"))
        .isEqualTo(
            new BarcodeOutcome.Refused(new ChannelError("ACQ.PAYMENT_AUTH_CODE_INVALID", "付款码无效")));
  }

  // --- the cashier form

  @Test
  void thePagePayFormPostsASignedRequestToTheGateway() {
    String html =
        channel.payForm(
            new PayOrder(
                null,
                "PG1",
                Product.PAGE,
                Money.parse("20.00"),
                "一杯咖啡 \"special\"",
                null,
                Instant.parse("2026-11-26T02:15:00Z")));

    assertThat(html)
        .contains("name=\"punchout_form\"")
        .contains("method=\"post\"")
        .contains("action=\"" + gateway.url() + "?")
        .contains("method=alipay.trade.page.pay")
        .contains("sign_type=RSA2")
        .contains("notify_url=https%3A%2F%2Fshop.example%2Falipay%2Fnotify")
        .contains("return_url=https%3A%2F%2Fshop.example%2Falipay%2Freturn")
        .contains("&quot;product_code&quot;:&quot;FAST_INSTANT_TRADE_PAY&quot;")
        .contains("&quot;total_amount&quot;:&quot;20.00&quot;")
        // 02:15 UTC is 10:15 in Beijing.
        .contains("&quot;time_expire&quot;:&quot;2026-11-26 10:15:00&quot;")
        .contains("document.forms[0].submit()");
    Exchange recorded = exchanges.last();
    assertThat(recorded.operation()).isEqualTo("payForm");
    assertThat(recorded.request()).contains("FAST_INSTANT_TRADE_PAY");
    assertThat(gateway.received()).isEmpty();
  }

  @Test
  void theWapFormUsesTheMobileProduct() {
    String html =
        channel.payForm(
            new PayOrder(null, "PG2", Product.WAP, Money.parse("0.01"), "tea", "green", null));

    assertThat(html)
        .contains("method=alipay.trade.wap.pay")
        .contains("&quot;product_code&quot;:&quot;QUICK_WAP_WAY&quot;")
        .doesNotContain("time_expire");
  }
}
