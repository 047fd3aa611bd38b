package io.paygate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradeCloseResponse;
import com.alipay.api.response.AlipayTradeFastpayRefundQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import io.paygate.core.testkit.Receiver;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefundAndCloseTest extends PageFlowSupport {

  private AlipayTradeRefundResponse refund(String out, String amount, String requestNo)
      throws Exception {
    AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
    request.setBizContent(
        "{\"out_trade_no\":\""
            + out
            + "\",\"refund_amount\":\""
            + amount
            + "\""
            + (requestNo == null ? "" : ",\"out_request_no\":\"" + requestNo + "\"")
            + "}");
    return sdk().execute(request);
  }

  private AlipayTradeFastpayRefundQueryResponse refundQuery(String out, String requestNo)
      throws Exception {
    AlipayTradeFastpayRefundQueryRequest request = new AlipayTradeFastpayRefundQueryRequest();
    request.setBizContent(
        "{\"out_trade_no\":\"" + out + "\",\"out_request_no\":\"" + requestNo + "\"}");
    return sdk().execute(request);
  }

  private AlipayTradeCloseResponse close(String out) throws Exception {
    AlipayTradeCloseRequest request = new AlipayTradeCloseRequest();
    request.setBizContent("{\"out_trade_no\":\"" + out + "\"}");
    return sdk().execute(request);
  }

  private String paidTrade(String amount, String notifyUrl) throws Exception {
    String out = unique("RF");
    openCashier(pagePay(biz(out, amount, "FAST_INSTANT_TRADE_PAY"), notifyUrl, null));
    buyer("pay", out, "111111");
    return out;
  }

  @Test
  void partialRefundsAreIdempotentAndAFullRefundClosesTheTrade() throws Exception {
    try (Receiver receiver = new Receiver()) {
      String out = paidTrade("10.00", receiver.url());

      AlipayTradeRefundResponse first = refund(out, "3.00", "R1");
      assertThat(first.isSuccess()).isTrue();
      assertThat(first.getFundChange()).isEqualTo("Y");
      assertThat(first.getRefundFee()).isEqualTo("3.00");
      assertThat(first.getGmtRefundPay()).isNotNull();

      AlipayTradeRefundResponse again = refund(out, "3.00", "R1");
      assertThat(again.isSuccess()).isTrue();
      assertThat(again.getFundChange()).isEqualTo("N");
      assertThat(again.getRefundFee()).isEqualTo("3.00");

      assertThat(refund(out, "4.00", "R1").getSubCode()).isEqualTo("ACQ.DISCORDANT_REPEAT_REQUEST");
      assertThat(refund(out, "7.01", "R2").getSubCode())
          .isEqualTo("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");
      assertThat(query(out).getTradeStatus()).isEqualTo("TRADE_SUCCESS");

      // The partial refund notified TRADE_SUCCESS with the refund fields.
      Map<String, String> refundNotify = receiver.received().get(1);
      assertThat(refundNotify)
          .containsEntry("trade_status", "TRADE_SUCCESS")
          .containsEntry("refund_fee", "3.00")
          .containsEntry("out_biz_no", "R1")
          .containsKey("gmt_refund");
      assertThat(refundNotify.get("gmt_refund"))
          .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
      assertThat(
              AlipaySignature.rsaCheckV1(
                  new HashMap<>(refundNotify), app().alipayPublicKey(), "UTF-8", "RSA2"))
          .isTrue();

      AlipayTradeRefundResponse rest = refund(out, "7.00", "R2");
      assertThat(rest.getFundChange()).isEqualTo("Y");
      assertThat(rest.getRefundFee()).isEqualTo("10.00");
      assertThat(query(out).getTradeStatus()).isEqualTo("TRADE_CLOSED");
      assertThat(receiver.received()).hasSize(2); // page pay does not notify TRADE_CLOSED
      assertThat(refund(out, "7.00", "R2").getFundChange()).isEqualTo("N");
      assertThat(refund(out, "0.01", "R3").getSubCode()).isEqualTo("ACQ.TRADE_HAS_CLOSE");

      AlipayTradeFastpayRefundQueryResponse found = refundQuery(out, "R2");
      assertThat(found.isSuccess()).isTrue();
      assertThat(found.getRefundStatus()).isEqualTo("REFUND_SUCCESS");
      assertThat(found.getRefundAmount()).isEqualTo("7.00");
      assertThat(found.getTotalAmount()).isEqualTo("10.00");

      AlipayTradeFastpayRefundQueryResponse unknown = refundQuery(out, "R404");
      assertThat(unknown.isSuccess()).isTrue();
      assertThat(unknown.getCode()).isEqualTo("10000");
      assertThat(unknown.getRefundStatus()).isNull();
      assertThat(unknown.getRefundAmount()).isNull();
    }
  }

  @Test
  void aRefundWithoutRequestNumberMustBeFull() throws Exception {
    String out = paidTrade("5.00", null);

    assertThat(refund(out, "1.00", null).getSubCode()).isEqualTo("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");
    AlipayTradeRefundResponse full = refund(out, "5.00", null);
    assertThat(full.getFundChange()).isEqualTo("Y");
    assertThat(refundQuery(out, out).getRefundStatus()).isEqualTo("REFUND_SUCCESS");
  }

  @Test
  void refundErrors() throws Exception {
    assertThat(refund(unique("NONE"), "1.00", "R").getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
    String waiting = unique("WT");
    openCashier(pagePay(biz(waiting, "1.00", "FAST_INSTANT_TRADE_PAY"), null, null));
    assertThat(refund(waiting, "1.00", "R").getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
    buyer("scan", waiting, null);
    assertThat(refund(waiting, "1.00", "R").getSubCode()).isEqualTo("ACQ.TRADE_STATUS_ERROR");
    String paid = paidTrade("1.00", null);
    assertThat(refund(paid, "0", "R").getSubCode()).isEqualTo("ACQ.REASON_TRADE_REFUND_FEE_ERR");
  }

  @Test
  void refundsAfterTheRefundablePeriodAreFinished() throws Exception {
    String out = paidTrade("2.00", null);
    advance(91L * 24 * 3600);

    assertThat(query(out).getTradeStatus()).isEqualTo("TRADE_FINISHED");
    assertThat(refund(out, "1.00", "R1").getSubCode()).isEqualTo("ACQ.TRADE_HAS_FINISHED");
  }

  @Test
  void closeWorksOnlyOnAWaitingTrade() throws Exception {
    String out = unique("CL");
    openCashier(pagePay(biz(out, "1.00", "FAST_INSTANT_TRADE_PAY"), null, null));
    assertThat(close(out).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");

    buyer("scan", out, null);
    AlipayTradeCloseResponse closed = close(out);
    assertThat(closed.isSuccess()).isTrue();
    assertThat(closed.getOutTradeNo()).isEqualTo(out);
    assertThat(closed.getTradeNo()).isNotBlank();
    assertThat(query(out).getTradeStatus()).isEqualTo("TRADE_CLOSED");
    assertThat(close(out).getSubCode()).isEqualTo("ACQ.TRADE_STATUS_ERROR");
    assertThat(buyer("pay", out, "111111").statusCode()).isEqualTo(409);
    assertThat(submitForm(pagePay(biz(out, "1.00", "FAST_INSTANT_TRADE_PAY"), null, null)).body())
        .contains("ACQ.TRADE_HAS_CLOSE");

    String paid = paidTrade("1.00", null);
    assertThat(close(paid).getSubCode()).isEqualTo("ACQ.TRADE_STATUS_ERROR");
  }

  /** A page-pay order's time_expire, {@code minutes} after the sandbox's (virtual) now. */
  private String timeExpire(long minutes) throws Exception {
    return Instant.parse(json(get(base() + "/sandbox/api/clock")).get("now").asString())
        .plus(Duration.ofMinutes(minutes))
        .atZone(ZoneId.of("Asia/Shanghai"))
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
  }

  private String pagePayWithExpiry(String out, String notifyUrl) throws Exception {
    return openCashier(
        pagePay(
            "{\"out_trade_no\":\""
                + out
                + "\",\"total_amount\":\"2.00\",\"subject\":\"late\","
                + "\"product_code\":\"FAST_INSTANT_TRADE_PAY\",\"time_expire\":\""
                + timeExpire(30)
                + "\"}",
            notifyUrl,
            null));
  }

  /**
   * As at Alipay: closing an order the buyer has not opened yet answers ACQ.TRADE_NOT_EXIST and
   * closes nothing, so the form the buyer already has can still be paid until its time_expire.
   */
  @Test
  void aFormLoadedBeforeAnUnansweredCloseCanStillBePaidUntilItExpires() throws Exception {
    try (Receiver receiver = new Receiver()) {
      String out = unique("LATE");
      String cashier = pagePayWithExpiry(out, receiver.url());
      assertThat(close(out).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
      advance(29 * 60);

      HttpResponse<String> page = get(cashier);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("pay_password");
      HttpResponse<String> paid =
          postForm(
              cashier + "/pay",
              Map.of("logon_id", "buyer@sandbox.paygate", "pay_password", "111111"));
      assertThat(paid.statusCode()).isEqualTo(200);

      assertThat(query(out).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
      assertThat(receiver.received()).hasSize(1);
      assertThat(receiver.received().get(0))
          .containsEntry("out_trade_no", out)
          .containsEntry("trade_status", "TRADE_SUCCESS");
      assertThat(close(out).getSubCode()).isEqualTo("ACQ.TRADE_STATUS_ERROR");
    }

    String expired = unique("LATE");
    String cashier = pagePayWithExpiry(expired, null);
    assertThat(close(expired).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
    advance(31 * 60);
    HttpResponse<String> late =
        postForm(
            cashier + "/pay",
            Map.of("logon_id", "buyer@sandbox.paygate", "pay_password", "111111"));
    assertThat(late.body()).contains("订单已过期");
    assertThat(query(expired).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
  }
}
