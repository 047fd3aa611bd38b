package io.paygate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradeFastpayRefundQueryResponse;
import io.paygate.core.testkit.Receiver;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Refunds made in Alipay's merchant console: the merchant sees notify, refund query and bill. */
class ConsoleRefundTest extends PageFlowSupport {

  private String paidTrade(String amount, String notifyUrl) throws Exception {
    String out = unique("CR");
    openCashier(pagePay(biz(out, amount, "FAST_INSTANT_TRADE_PAY"), notifyUrl, null));
    assertThat(buyer("pay", out, "111111").statusCode()).isEqualTo(200);
    return out;
  }

  private HttpResponse<String> consoleRefund(String tradeNo, String body) throws Exception {
    return sendJson("POST", base() + "/sandbox/api/trades/" + tradeNo + "/console-refunds", body);
  }

  private AlipayTradeFastpayRefundQueryResponse refundQuery(String out, String requestNo)
      throws Exception {
    AlipayTradeFastpayRefundQueryRequest request = new AlipayTradeFastpayRefundQueryRequest();
    request.setBizContent(
        "{\"out_trade_no\":\"" + out + "\",\"out_request_no\":\"" + requestNo + "\"}");
    return sdk().execute(request);
  }

  private BigDecimal balance() throws Exception {
    for (JsonNode b : json(get(base() + "/sandbox/api/buyers"))) {
      if (b.get("logon_id").asString().equals("buyer@sandbox.paygate")) {
        return new BigDecimal(b.get("balance").asString());
      }
    }
    throw new AssertionError("no default buyer");
  }

  @Test
  void aConsoleRefundIsNotifiedFoundByTheRefundQueryAndCountsAgainstTheTotal() throws Exception {
    try (Receiver receiver = new Receiver()) {
      String out = paidTrade("10.00", receiver.url());
      String tradeNo = query(out).getTradeNo();
      BigDecimal before = balance();

      HttpResponse<String> created =
          consoleRefund(tradeNo, "{\"refund_amount\":\"4.00\",\"refund_reason\":\"客服退款\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      JsonNode refund = json(created);
      String outBizNo = refund.get("out_biz_no").asString();
      assertThat(outBizNo).matches("\\d{26}").isNotEqualTo(out);
      assertThat(refund.get("trade_no").asString()).isEqualTo(tradeNo);
      assertThat(refund.get("out_trade_no").asString()).isEqualTo(out);
      assertThat(refund.get("refund_amount").asString()).isEqualTo("4.00");
      assertThat(refund.get("refund_fee").asString()).isEqualTo("4.00");
      assertThat(refund.get("trade_status").asString()).isEqualTo("TRADE_SUCCESS");
      assertThat(balance()).isEqualByComparingTo(before.add(new BigDecimal("4.00")));

      AlipayTradeFastpayRefundQueryResponse found = refundQuery(out, outBizNo);
      assertThat(found.getRefundStatus()).isEqualTo("REFUND_SUCCESS");
      assertThat(found.getRefundAmount()).isEqualTo("4.00");
      assertThat(found.getOutRequestNo()).isEqualTo(outBizNo);
      assertThat(found.getRefundReason()).isEqualTo("客服退款");

      assertThat(receiver.received()).hasSize(2);
      Map<String, String> notify = receiver.received().get(1);
      assertThat(notify)
          .containsEntry("trade_status", "TRADE_SUCCESS")
          .containsEntry("refund_fee", "4.00")
          .containsEntry("out_biz_no", outBizNo)
          .containsKey("gmt_refund");
      assertThat(
              AlipaySignature.rsaCheckV1(
                  new HashMap<>(notify), app().alipayPublicKey(), "UTF-8", "RSA2"))
          .isTrue();

      // The merchant's own refund may only take what the console refund left.
      AlipayTradeRefundRequest tooMuch = new AlipayTradeRefundRequest();
      tooMuch.setBizContent(
          "{\"out_trade_no\":\""
              + out
              + "\",\"refund_amount\":\"6.01\",\"out_request_no\":\"M1\"}");
      assertThat(sdk().execute(tooMuch).getSubCode()).isEqualTo("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");

      JsonNode rest = json(consoleRefund(tradeNo, "{\"refund_amount\":\"6.00\"}"));
      assertThat(rest.get("refund_fee").asString()).isEqualTo("10.00");
      assertThat(rest.get("trade_status").asString()).isEqualTo("TRADE_CLOSED");
      assertThat(rest.get("out_biz_no").asString()).isNotEqualTo(outBizNo);
      assertThat(query(out).getTradeStatus()).isEqualTo("TRADE_CLOSED");

      HttpResponse<String> closed = consoleRefund(tradeNo, "{\"refund_amount\":\"0.01\"}");
      assertThat(closed.statusCode()).isEqualTo(409);
      assertThat(json(closed).get("code").asString()).isEqualTo("ACQ.TRADE_HAS_CLOSE");
    }
  }

  @Test
  void consoleRefundMistakesAreProblemsWithAlipaysCodes() throws Exception {
    String out = paidTrade("2.00", null);
    String tradeNo = query(out).getTradeNo();

    HttpResponse<String> tooMuch = consoleRefund(tradeNo, "{\"refund_amount\":\"2.01\"}");
    assertThat(tooMuch.statusCode()).isEqualTo(409);
    assertThat(json(tooMuch).get("code").asString()).isEqualTo("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");
    HttpResponse<String> bad = consoleRefund(tradeNo, "{\"refund_amount\":\"abc\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("code").asString()).isEqualTo("ACQ.REASON_TRADE_REFUND_FEE_ERR");
    HttpResponse<String> unknown =
        consoleRefund("2099010122000000000000000000", "{\"refund_amount\":\"1\"}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("code").asString()).isEqualTo("ACQ.TRADE_NOT_EXIST");

    String waiting = unique("CRW");
    openCashier(pagePay(biz(waiting, "1.00", "FAST_INSTANT_TRADE_PAY"), null, null));
    buyer("scan", waiting, null);
    HttpResponse<String> unpaid =
        consoleRefund(query(waiting).getTradeNo(), "{\"refund_amount\":\"1.00\"}");
    assertThat(unpaid.statusCode()).isEqualTo(409);
    assertThat(json(unpaid).get("code").asString()).isEqualTo("ACQ.TRADE_STATUS_ERROR");
    assertThat(refundQuery(out, out).getRefundStatus()).isNull();
  }
}
