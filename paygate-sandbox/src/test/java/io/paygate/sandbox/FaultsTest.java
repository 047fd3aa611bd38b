package io.paygate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alipay.api.AlipayApiException;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import io.paygate.core.testkit.Receiver;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FaultsTest extends PageFlowSupport {

  private static final Charset GBK = Charset.forName("GBK");

  @AfterEach
  void clearFaults() throws Exception {
    sendJson("DELETE", base() + "/sandbox/api/faults", "");
  }

  private JsonNode faults(String body) throws Exception {
    HttpResponse<String> response = sendJson("PUT", base() + "/sandbox/api/faults", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  private String paidTrade(String amount, String notifyUrl) throws Exception {
    String out = unique("FT");
    openCashier(pagePay(biz(out, amount, "FAST_INSTANT_TRADE_PAY"), notifyUrl, null));
    assertThat(buyer("pay", out, "111111").statusCode()).isEqualTo(200);
    return out;
  }

  private AlipayTradeRefundResponse refund(String out, String amount, String requestNo)
      throws Exception {
    AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
    request.setBizContent(
        "{\"out_trade_no\":\""
            + out
            + "\",\"refund_amount\":\""
            + amount
            + "\",\"out_request_no\":\""
            + requestNo
            + "\"}");
    return sdk().execute(request);
  }

  private JsonNode notifyOf(String out) throws Exception {
    return json(get(base() + "/sandbox/api/notifies?out_trade_no=" + out)).get(0);
  }

  @Test
  void forcedSystemErrorAndUnavailableReachTheSdkSignedAndChangeNothing() throws Exception {
    String out = paidTrade("5.00", null);
    JsonNode set =
        faults(
            "{\"gateway\":[{\"kind\":\"system_error\",\"methods\":[\"alipay.trade.refund\"],"
                + "\"count\":1},{\"kind\":\"unavailable\",\"methods\":[\"alipay.trade.query\","
                + "\"alipay.trade.fastpay.refund.query\"],\"share\":1.0,\"count\":2}]}");
    assertThat(set.get("gateway")).hasSize(2);
    assertThat(set.get("gateway").get(0).get("remaining").asInt()).isEqualTo(1);

    AlipayTradeRefundResponse failed = refund(out, "1.00", "R1");
    assertThat(failed.isSuccess()).isFalse();
    assertThat(failed.getCode()).isEqualTo("40004");
    assertThat(failed.getSubCode()).isEqualTo("ACQ.SYSTEM_ERROR");

    AlipayTradeQueryResponse busy = query(out);
    assertThat(busy.getCode()).isEqualTo("20000");
    assertThat(busy.getMsg()).isEqualTo("Service Currently Unavailable");
    assertThat(busy.getSubCode()).isEqualTo("isp.unknow-error");
    AlipayTradeFastpayRefundQueryRequest refundQuery = new AlipayTradeFastpayRefundQueryRequest();
    refundQuery.setBizContent("{\"out_trade_no\":\"" + out + "\",\"out_request_no\":\"R1\"}");
    assertThat(sdk().execute(refundQuery).getCode()).isEqualTo("20000");

    // Spent: the same calls now go through, and the failed refund never happened.
    assertThat(query(out).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
    assertThat(sdk().execute(refundQuery).getRefundStatus()).isNull();
    assertThat(refund(out, "1.00", "R1").getFundChange()).isEqualTo("Y");
    JsonNode shown = json(get(base() + "/sandbox/api/faults"));
    assertThat(shown.get("gateway").get(0).get("remaining").asInt()).isZero();
    assertThat(shown.get("gateway").get(1).get("remaining").asInt()).isZero();
  }

  @Test
  void aForgedResponseSignatureMakesTheSdkThrow() throws Exception {
    String out = paidTrade("1.00", null);
    faults(
        "{\"gateway\":[{\"kind\":\"bad_signature\",\"methods\":[\"alipay.trade.query\"],"
            + "\"count\":1}]}");

    assertThatThrownBy(() -> query(out))
        .isInstanceOf(AlipayApiException.class)
        .hasMessageContaining("sign check fail");
    assertThat(query(out).isSuccess()).isTrue();
  }

  @Test
  void aHeldAnswerTimesTheSdkOutButTheCallWasCarriedOut() throws Exception {
    String out = unique("TO");
    openCashier(pagePay(biz(out, "1.00", "FAST_INSTANT_TRADE_PAY"), null, null));
    buyer("scan", out, null);
    faults(
        "{\"gateway\":[{\"kind\":\"timeout\",\"methods\":[\"alipay.trade.close\"],"
            + "\"hold_seconds\":2,\"count\":1}]}");
    DefaultAlipayClient client = sdk();
    client.setReadTimeout(1000);
    AlipayTradeCloseRequest close = new AlipayTradeCloseRequest();
    close.setBizContent("{\"out_trade_no\":\"" + out + "\"}");

    assertThatThrownBy(() -> client.execute(close))
        .isInstanceOf(AlipayApiException.class)
        .hasRootCauseInstanceOf(java.net.SocketTimeoutException.class);
    assertThat(query(out).getTradeStatus()).isEqualTo("TRADE_CLOSED");
  }

  @Test
  void badSpecsAreProblemDetails() throws Exception {
    Map<String, String> cases =
        Map.of(
            "{\"gateway\":[{\"kind\":\"explode\"}]}", "INVALID_FAULT_KIND",
            "{\"gateway\":[{\"kind\":\"system_error\",\"share\":1.5}]}", "INVALID_SHARE",
            "{\"gateway\":[{\"kind\":\"system_error\",\"methods\":[\"alipay.nope\"]}]}",
                "UNKNOWN_METHOD",
            "{\"gateway\":[{\"kind\":\"timeout\",\"hold_seconds\":31}]}", "INVALID_SECONDS",
            "{\"gateway\":[{\"kind\":\"timeout\"}]}", "INVALID_SECONDS",
            "{\"gateway\":[{\"kind\":\"system_error\",\"count\":0}]}", "INVALID_COUNT",
            "{\"notify\":[{\"kind\":\"drop\",\"hold_seconds\":3}]}", "UNKNOWN_FIELD",
            "{\"notify\":[{\"kind\":\"gbk\",\"cout\":1}]}", "UNKNOWN_FIELD",
            "{\"notify\":[{\"kind\":\"system_error\"}]}", "INVALID_FAULT_KIND",
            "{\"gateway\":{}}", "INVALID_FAULTS");
    for (Map.Entry<String, String> each : cases.entrySet()) {
      HttpResponse<String> response =
          sendJson("PUT", base() + "/sandbox/api/faults", each.getKey());
      assertThat(response.statusCode()).as(each.getKey()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      assertThat(json(response).get("code").asString())
          .as(each.getKey())
          .isEqualTo(each.getValue());
    }
    assertThat(sendJson("PUT", base() + "/sandbox/api/faults", "{nope").statusCode())
        .isEqualTo(400);
    JsonNode shown = json(get(base() + "/sandbox/api/faults"));
    assertThat(shown.get("gateway")).isEmpty();
    assertThat(shown.get("notify")).isEmpty();
  }

  @Test
  void aDroppedNotifyIsRecordedAndCanBeRedelivered() throws Exception {
    try (Receiver receiver = new Receiver()) {
      faults("{\"notify\":[{\"kind\":\"drop\",\"count\":1}]}");
      String out = paidTrade("2.00", receiver.url());
      advance(2 * 24 * 3600);

      assertThat(receiver.received()).isEmpty();
      JsonNode notify = notifyOf(out);
      assertThat(notify.get("dropped").asBoolean()).isTrue();
      assertThat(notify.get("delivered").asBoolean()).isFalse();
      assertThat(notify.get("attempts")).hasSize(1);
      assertThat(notify.get("attempts").get(0).get("reply").asString()).contains("dropped");

      JsonNode redelivered =
          json(
              sendJson(
                  "POST",
                  base() + "/sandbox/api/notifies/" + notify.get("id").asLong() + "/redeliver",
                  ""));
      assertThat(redelivered.get("delivered").asBoolean()).isTrue();
      assertThat(receiver.received()).hasSize(1);
      assertThat(receiver.received().get(0)).containsEntry("out_trade_no", out);
    }
  }

  @Test
  void aDuplicatedNotifyArrivesTwiceWithOneNotifyId() throws Exception {
    try (Receiver receiver = new Receiver()) {
      faults("{\"notify\":[{\"kind\":\"duplicate\",\"count\":1}]}");
      String out = paidTrade("2.00", receiver.url());

      assertThat(receiver.received()).hasSize(2);
      assertThat(receiver.received().get(1)).isEqualTo(receiver.received().get(0));
      assertThat(notifyOf(out).get("attempts")).hasSize(2);
    }
  }

  @Test
  void aGbkNotifyVerifiesWithTheGbkCharset() throws Exception {
    try (Receiver receiver = new Receiver()) {
      faults("{\"notify\":[{\"kind\":\"gbk\",\"count\":1}]}");
      paidTrade("2.00", receiver.url());

      assertThat(receiver.contentTypes().get(0)).contains("charset=gbk");
      Map<String, String> params = Receiver.decode(receiver.rawBodies().get(0), GBK);
      assertThat(params).containsEntry("charset", "gbk").containsEntry("subject", "测试商品 Test");
      assertThat(
              AlipaySignature.rsaCheckV1(
                  new HashMap<>(params), app().alipayPublicKey(), "GBK", "RSA2"))
          .isTrue();
    }
  }

  @Test
  void aForgedNotifySignatureFailsVerification() throws Exception {
    try (Receiver receiver = new Receiver()) {
      faults("{\"notify\":[{\"kind\":\"bad_signature\",\"share\":1,\"count\":1}]}");
      paidTrade("2.00", receiver.url());
      paidTrade("2.00", receiver.url());

      assertThat(receiver.received()).hasSize(2);
      assertThat(verifies(receiver.received().get(0))).isFalse();
      assertThat(verifies(receiver.received().get(1))).isTrue();
    }
  }

  @Test
  void aDelayedNotifyWaitsOnTheVirtualClock() throws Exception {
    try (Receiver receiver = new Receiver()) {
      faults("{\"notify\":[{\"kind\":\"delay\",\"delay_seconds\":600,\"count\":1}]}");
      paidTrade("2.00", receiver.url());

      assertThat(receiver.received()).isEmpty();
      advance(590);
      assertThat(receiver.received()).isEmpty();
      advance(15);
      assertThat(receiver.received()).hasSize(1);
      assertThat(verifies(receiver.received().get(0))).isTrue();
    }
  }

  @Test
  void aReorderedNotifyIsOvertakenByTheNextOne() throws Exception {
    try (Receiver receiver = new Receiver()) {
      faults("{\"notify\":[{\"kind\":\"reorder\",\"count\":1}]}");
      String first = paidTrade("2.00", receiver.url());
      assertThat(receiver.received()).isEmpty();
      assertThat(notifyOf(first).get("held").asBoolean()).isTrue();

      String second = paidTrade("3.00", receiver.url());

      List<String> order = receiver.received().stream().map(n -> n.get("out_trade_no")).toList();
      assertThat(order).containsExactly(second, first);
      assertThat(notifyOf(first).get("delivered").asBoolean()).isTrue();
    }
  }

  private boolean verifies(Map<String, String> notify) throws AlipayApiException {
    return AlipaySignature.rsaCheckV1(
        new HashMap<>(notify), app().alipayPublicKey(), "UTF-8", "RSA2");
  }
}
