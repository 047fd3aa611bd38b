package io.paygate.alipay.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayResponse;
import com.alipay.api.domain.AlipayTradePagePayModel;
import com.alipay.api.request.AlipayTradePagePayRequest;
import com.alipay.api.response.AlipayTradePagePayResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import io.paygate.alipay.trade.TradeQueryMapper;
import io.paygate.alipay.trade.TradeRequests;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.exchanges.Exchange;
import io.paygate.core.exchanges.ExchangeRecorder;
import io.paygate.core.testkit.RecordingExchangeLog;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The pipeline's steps in order, with an SDK client that answers from the test. */
class GatewayCallsTest {

  private static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");
  private static final TradeRef TRADE = TradeRef.byOutTradeNo("PG1");

  private final RecordingExchangeLog exchanges = new RecordingExchangeLog();

  /** What the fake client does for execute and pageExecute. */
  private interface Sdk {
    AlipayResponse answer() throws AlipayApiException;
  }

  private GatewayCalls callsAnswering(Sdk sdk) {
    AlipayClient client =
        (AlipayClient)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {AlipayClient.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("execute")
                      || method.getName().equals("pageExecute")) {
                    return sdk.answer();
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    return new GatewayCalls(
        client, new ExchangeRecorder(exchanges, Clock.fixed(NOW, ZoneOffset.UTC)));
  }

  private static AlipayTradeQueryResponse queryAnswer(String object, String sign) {
    AlipayTradeQueryResponse response = new AlipayTradeQueryResponse();
    response.setCode("40004");
    response.setMsg("Business Failed");
    response.setSubCode("ACQ.TRADE_NOT_EXIST");
    response.setSubMsg("交易不存在");
    response.setBody(
        "{\"alipay_trade_query_response\":"
            + object
            + (sign == null ? "" : ",\"sign\":\"" + sign + "\"")
            + "}");
    return response;
  }

  private static final String NOT_EXIST =
      "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"ACQ.TRADE_NOT_EXIST\","
          + "\"sub_msg\":\"交易不存在\"}";

  private static AlipayTradePagePayRequest pagePay() {
    AlipayTradePagePayModel model = new AlipayTradePagePayModel();
    model.setOutTradeNo("PG1");
    model.setProductCode("FAST_INSTANT_TRADE_PAY");
    AlipayTradePagePayRequest request = new AlipayTradePagePayRequest();
    request.setBizModel(model);
    return request;
  }

  @Test
  void aSignedAnswerIsClassifiedMappedAndRecorded() {
    GatewayCalls calls = callsAnswering(() -> queryAnswer(NOT_EXIST, "c2lnbg=="));

    TradeLookup lookup =
        calls.call("queryTrade", "PG1", TradeRequests.query(TRADE), new TradeQueryMapper());

    assertThat(lookup).isEqualTo(new TradeLookup.NotFound());
    Exchange recorded = exchanges.last();
    assertThat(recorded.operation()).isEqualTo("queryTrade");
    assertThat(recorded.outTradeNo()).isEqualTo("PG1");
    assertThat(recorded.at()).isEqualTo(NOW);
    assertThat(recorded.request()).isEqualTo("{\"out_trade_no\":\"PG1\"}");
    assertThat(recorded.response())
        .isEqualTo("{\"alipay_trade_query_response\":" + NOT_EXIST + "}");
    assertThat(recorded.outcome()).isEqualTo("not-found");
  }

  @Test
  void anUnsignedErrorAnswerCountsAsNoAnswer() {
    GatewayCalls calls = callsAnswering(() -> queryAnswer(NOT_EXIST, null));

    TradeLookup lookup =
        calls.call("queryTrade", "PG1", TradeRequests.query(TRADE), new TradeQueryMapper());

    assertThat(lookup)
        .isEqualTo(
            new TradeLookup.Unknown("unsigned error answer: 40004 ACQ.TRADE_NOT_EXIST 交易不存在"));
    assertThat(exchanges.last().response())
        .isEqualTo("(no answer) unsigned error answer: 40004 ACQ.TRADE_NOT_EXIST 交易不存在");
    assertThat(exchanges.last().outcome()).isEqualTo("unknown");
  }

  @Test
  void whatTheSdkThrowsIsNoAnswer() {
    GatewayCalls calls =
        callsAnswering(
            () -> {
              throw new IllegalStateException("parser broke");
            });

    assertThat(calls.call("queryTrade", "PG1", TradeRequests.query(TRADE), new TradeQueryMapper()))
        .isEqualTo(new TradeLookup.Unknown("IllegalStateException: parser broke"));
    assertThat(exchanges.last().request()).isEqualTo("{\"out_trade_no\":\"PG1\"}");
  }

  @Test
  void aPayFormGoesThroughTheSamePipelineAndIsRecordedWithoutItsHtml() {
    AlipayTradePagePayResponse page = new AlipayTradePagePayResponse();
    page.setBody("<form name=\"punchout_form\"></form>");
    GatewayCalls calls = callsAnswering(() -> page);

    FormAnswer form = calls.form("payForm", "PG1", pagePay());

    assertThat(form).isEqualTo(new FormAnswer.Form("<form name=\"punchout_form\"></form>"));
    Exchange recorded = exchanges.last();
    assertThat(recorded.operation()).isEqualTo("payForm");
    assertThat(recorded.outTradeNo()).isEqualTo("PG1");
    assertThat(recorded.at()).isEqualTo(NOW);
    assertThat(recorded.request())
        .isEqualTo("{\"out_trade_no\":\"PG1\",\"product_code\":\"FAST_INSTANT_TRADE_PAY\"}");
    assertThat(recorded.response()).isNull();
    assertThat(recorded.outcome()).isEqualTo("ok");
  }

  @Test
  void aFormThatCannotBeSignedIsRecordedAsUnknownWithItsCause() {
    AlipayApiException unsigned = new AlipayApiException("RSA2 signing failed");
    GatewayCalls calls =
        callsAnswering(
            () -> {
              throw unsigned;
            });

    FormAnswer form = calls.form("payForm", "PG1", pagePay());

    assertThat(form).isEqualTo(new FormAnswer.NoForm(unsigned));
    assertThat(exchanges.last().response()).isEqualTo("(no form) AlipayApiException");
    assertThat(exchanges.last().outcome()).isEqualTo("unknown");
    assertThat(exchanges.last().request()).contains("FAST_INSTANT_TRADE_PAY");
  }
}
