package io.paygate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alipay.api.AlipayApiException;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.request.AlipayTradeCancelRequest;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.request.AlipayTradePayRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradeFastpayRefundQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import io.paygate.core.testkit.Receiver;
import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Refunds whose outcome the merchant cannot see at once: lost requests, processing refunds. */
class RefundOutcomeFaultsTest extends PageFlowSupport {

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
    String out = unique("RO");
    openCashier(pagePay(biz(out, amount, "FAST_INSTANT_TRADE_PAY"), notifyUrl, null));
    assertThat(buyer("pay", out, "111111").statusCode()).isEqualTo(200);
    return out;
  }

  private static AlipayTradeRefundRequest refundRequest(
      String out, String amount, String requestNo) {
    AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
    request.setBizContent(
        "{\"out_trade_no\":\""
            + out
            + "\",\"refund_amount\":\""
            + amount
            + "\",\"out_request_no\":\""
            + requestNo
            + "\"}");
    return request;
  }

  private AlipayTradeRefundResponse refund(String out, String amount, String requestNo)
      throws Exception {
    return sdk().execute(refundRequest(out, amount, requestNo));
  }

  private AlipayTradeFastpayRefundQueryResponse refundQuery(String out, String requestNo)
      throws Exception {
    AlipayTradeFastpayRefundQueryRequest request = new AlipayTradeFastpayRefundQueryRequest();
    request.setBizContent(
        "{\"out_trade_no\":\""
            + out
            + "\",\"out_request_no\":\""
            + requestNo
            + "\",\"query_options\":[\"gmt_refund_pay\"]}");
    return sdk().execute(request);
  }

  @Test
  void aLostRefundNeverHappenedAndTheSameRequestNumberRefundsLater() throws Exception {
    try (Receiver receiver = new Receiver()) {
      String out = paidTrade("10.00", receiver.url());
      JsonNode set =
          faults(
              "{\"gateway\":[{\"kind\":\"lost\",\"methods\":[\"alipay.trade.refund\"],"
                  + "\"hold_seconds\":2,\"count\":1}]}");
      assertThat(set.get("gateway").get(0).get("kind").asString()).isEqualTo("lost");
      assertThat(set.get("gateway").get(0).get("hold_seconds").asInt()).isEqualTo(2);
      DefaultAlipayClient client = sdk();
      client.setReadTimeout(1000);

      assertThatThrownBy(() -> client.execute(refundRequest(out, "3.00", "R1")))
          .isInstanceOf(AlipayApiException.class)
          .hasRootCauseInstanceOf(SocketTimeoutException.class);

      AlipayTradeFastpayRefundQueryResponse nothing = refundQuery(out, "R1");
      assertThat(nothing.getCode()).isEqualTo("10000");
      assertThat(nothing.getRefundStatus()).isNull();
      assertThat(nothing.getRefundAmount()).isNull();
      assertThat(receiver.received()).hasSize(1); // the payment's only

      AlipayTradeRefundResponse resent = refund(out, "3.00", "R1");
      assertThat(resent.getFundChange()).isEqualTo("Y");
      assertThat(resent.getRefundFee()).isEqualTo("3.00");
      assertThat(refundQuery(out, "R1").getRefundStatus()).isEqualTo("REFUND_SUCCESS");
    }
  }

  @Test
  void aLostRequestAnsweredAfterTheHoldIsAnUnknownErrorNeverASuccess() throws Exception {
    String out = paidTrade("2.00", null);
    faults(
        "{\"gateway\":[{\"kind\":\"lost\",\"methods\":[\"alipay.trade.refund\"],"
            + "\"hold_seconds\":1,\"count\":1}]}");

    AlipayTradeRefundResponse late = refund(out, "2.00", "R1");
    assertThat(late.isSuccess()).isFalse();
    assertThat(late.getCode()).isEqualTo("20000");
    assertThat(late.getSubCode()).isEqualTo("isp.unknow-error");
    assertThat(query(out).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
    assertThat(refundQuery(out, "R1").getRefundStatus()).isNull();
  }

  @Test
  void aProcessingRefundCompletesOnTheVirtualClockAndIsNeverPaidTwice() throws Exception {
    try (Receiver receiver = new Receiver()) {
      String out = paidTrade("10.00", receiver.url());
      JsonNode set =
          faults(
              "{\"gateway\":[{\"kind\":\"refund_processing\",\"delay_seconds\":600,\"count\":1}]}");
      JsonNode rule = set.get("gateway").get(0);
      assertThat(rule.get("methods").get(0).asString()).isEqualTo("alipay.trade.refund");
      assertThat(rule.get("delay_seconds").asInt()).isEqualTo(600);

      AlipayTradeRefundResponse accepted = refund(out, "4.00", "R1");
      assertThat(accepted.isSuccess()).isTrue();
      assertThat(accepted.getFundChange()).isEqualTo("N");
      assertThat(accepted.getRefundFee()).isEqualTo("0.00");
      assertThat(refundQuery(out, "R1").getRefundStatus()).isNull();

      // Re-sent while processing (the rule is spent): still processing, nothing moves twice.
      AlipayTradeRefundResponse again = refund(out, "4.00", "R1");
      assertThat(again.getFundChange()).isEqualTo("N");
      assertThat(again.getRefundFee()).isEqualTo("0.00");
      // Its amount is taken: only 6.00 is left.
      assertThat(refund(out, "6.01", "R2").getSubCode())
          .isEqualTo("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");
      AlipayTradeRefundResponse other = refund(out, "5.00", "R2");
      assertThat(other.getFundChange()).isEqualTo("Y");
      assertThat(other.getRefundFee()).isEqualTo("5.00");
      assertThat(receiver.received()).hasSize(2);

      advance(590);
      assertThat(refundQuery(out, "R1").getRefundStatus()).isNull();
      assertThat(receiver.received()).hasSize(2);

      advance(15);
      AlipayTradeFastpayRefundQueryResponse done = refundQuery(out, "R1");
      assertThat(done.getRefundStatus()).isEqualTo("REFUND_SUCCESS");
      assertThat(done.getRefundAmount()).isEqualTo("4.00");
      assertThat(done.getGmtRefundPay()).isNotNull();
      assertThat(receiver.received()).hasSize(3);
      Map<String, String> notify = receiver.received().get(2);
      assertThat(notify)
          .containsEntry("trade_status", "TRADE_SUCCESS")
          .containsEntry("refund_fee", "9.00")
          .containsEntry("out_biz_no", "R1")
          .containsKey("gmt_refund");

      AlipayTradeRefundResponse repeat = refund(out, "4.00", "R1");
      assertThat(repeat.getFundChange()).isEqualTo("N");
      assertThat(repeat.getRefundFee()).isEqualTo("9.00");
      advance(3600);
      assertThat(refund(out, "1.00", "R3").getRefundFee()).isEqualTo("10.00");
      assertThat(query(out).getTradeStatus()).isEqualTo("TRADE_CLOSED");
    }
  }

  @Test
  void aProcessingFullRefundClosesTheTradeWhenItCompletes() throws Exception {
    String out = paidTrade("3.00", null);
    faults("{\"gateway\":[{\"kind\":\"refund_processing\",\"delay_seconds\":60,\"count\":1}]}");

    assertThat(refund(out, "3.00", "R1").getFundChange()).isEqualTo("N");
    assertThat(query(out).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
    assertThat(refund(out, "0.01", "R2").getSubCode()).isEqualTo("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");
    advance(60);
    assertThat(query(out).getTradeStatus()).isEqualTo("TRADE_CLOSED");
    assertThat(refund(out, "3.00", "R1").getRefundFee()).isEqualTo("3.00");
  }

  @Test
  void theNewKindsAreCheckedLikeTheOthersAndShownOnTheHomePage() throws Exception {
    Map<String, String> cases =
        Map.of(
            "{\"gateway\":[{\"kind\":\"refund_processing\",\"methods\":[\"alipay.trade.query\"],"
                + "\"delay_seconds\":5}]}",
            "METHOD_NOT_ALLOWED",
            "{\"gateway\":[{\"kind\":\"refund_processing\"}]}",
            "INVALID_SECONDS",
            "{\"gateway\":[{\"kind\":\"refund_processing\",\"hold_seconds\":5}]}",
            "FIELD_NOT_ALLOWED",
            "{\"gateway\":[{\"kind\":\"lost\"}]}",
            "INVALID_SECONDS",
            "{\"gateway\":[{\"kind\":\"lost\",\"hold_seconds\":31}]}",
            "INVALID_SECONDS",
            "{\"gateway\":[{\"kind\":\"timeout\",\"hold_seconds\":1,\"delay_seconds\":5}]}",
            "FIELD_NOT_ALLOWED",
            "{\"notify\":[{\"kind\":\"lost\",\"hold_seconds\":1}]}",
            "UNKNOWN_FIELD");
    for (Map.Entry<String, String> each : cases.entrySet()) {
      HttpResponse<String> response =
          sendJson("PUT", base() + "/sandbox/api/faults", each.getKey());
      assertThat(response.statusCode()).as(each.getKey()).isEqualTo(400);
      assertThat(json(response).get("code").asString())
          .as(each.getKey())
          .isEqualTo(each.getValue());
    }

    faults(
        "{\"gateway\":[{\"kind\":\"lost\",\"hold_seconds\":3,\"share\":0.5},"
            + "{\"kind\":\"refund_processing\",\"methods\":[\"alipay.trade.refund\"],"
            + "\"delay_seconds\":120}]}");
    String home = get(base() + "/sandbox").body();
    assertThat(home).contains("lost").contains("hold_seconds=3");
    assertThat(home).contains("refund_processing").contains("delay_seconds=120");
  }

  private JsonNode defaultBuyer() throws Exception {
    for (JsonNode b : json(get(base() + "/sandbox/api/buyers"))) {
      if (b.get("logon_id").asString().equals("buyer@sandbox.paygate")) {
        return b;
      }
    }
    throw new AssertionError("no default buyer");
  }

  @Test
  void aCancelBesideAProcessingRefundRefundsOnlyTheRest() throws Exception {
    String out = unique("ROC");
    AlipayTradePayRequest pay = new AlipayTradePayRequest();
    pay.setBizContent(
        "{\"out_trade_no\":\""
            + out
            + "\",\"scene\":\"bar_code\",\"auth_code\":\""
            + defaultBuyer().get("auth_code").asString()
            + "\",\"total_amount\":\"5.00\",\"subject\":\"cancel\"}");
    assertThat(sdk().execute(pay).isSuccess()).isTrue();
    BigDecimal paid = new BigDecimal(defaultBuyer().get("balance").asString());
    faults("{\"gateway\":[{\"kind\":\"refund_processing\",\"delay_seconds\":60,\"count\":1}]}");
    assertThat(refund(out, "2.00", "R1").getFundChange()).isEqualTo("N");

    AlipayTradeCancelRequest cancel = new AlipayTradeCancelRequest();
    cancel.setBizContent("{\"out_trade_no\":\"" + out + "\"}");
    assertThat(sdk().execute(cancel).getAction()).isEqualTo("refund");
    advance(60);

    assertThat(query(out).getTradeStatus()).isEqualTo("TRADE_CLOSED");
    assertThat(new BigDecimal(defaultBuyer().get("balance").asString()))
        .isEqualByComparingTo(paid.add(new BigDecimal("5.00")));
  }
}
