package io.paygate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradeCancelRequest;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.request.AlipayTradePayRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.response.AlipayTradeCancelResponse;
import com.alipay.api.response.AlipayTradePayResponse;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import io.paygate.core.testkit.Receiver;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FaceToFaceTest extends PageFlowSupport {

  private static String f2f(String out, String amount) {
    return "{\"out_trade_no\":\""
        + out
        + "\",\"total_amount\":\""
        + amount
        + "\",\"subject\":\"当面付 F2F\"}";
  }

  private AlipayTradePrecreateResponse precreate(String bizContent, String notifyUrl)
      throws Exception {
    AlipayTradePrecreateRequest request = new AlipayTradePrecreateRequest();
    request.setBizContent(bizContent);
    request.setNotifyUrl(notifyUrl);
    return sdk().execute(request);
  }

  private AlipayTradePayResponse barcode(String out, String amount, String authCode, String notify)
      throws Exception {
    AlipayTradePayRequest request = new AlipayTradePayRequest();
    request.setBizContent(
        "{\"out_trade_no\":\""
            + out
            + "\",\"scene\":\"bar_code\",\"auth_code\":\""
            + authCode
            + "\",\"total_amount\":\""
            + amount
            + "\",\"subject\":\"条码 Barcode\"}");
    request.setNotifyUrl(notify);
    return sdk().execute(request);
  }

  private AlipayTradeCancelResponse cancel(String out) throws Exception {
    AlipayTradeCancelRequest request = new AlipayTradeCancelRequest();
    request.setBizContent("{\"out_trade_no\":\"" + out + "\"}");
    return sdk().execute(request);
  }

  private JsonNode buyerNamed(String logonId) throws Exception {
    for (JsonNode b : json(get(base() + "/sandbox/api/buyers"))) {
      if (b.get("logon_id").asString().equals(logonId)) {
        return b;
      }
    }
    throw new AssertionError("no buyer " + logonId);
  }

  private String defaultAuthCode() throws Exception {
    return buyerNamed("buyer@sandbox.paygate").get("auth_code").asString();
  }

  @Test
  void buyersHaveAnAuthCode() throws Exception {
    assertThat(defaultAuthCode()).matches("28\\d{16}");
  }

  @Test
  void aPrecreateOrderBecomesATradeWhenScannedAndNotifiesItsPayment() throws Exception {
    try (Receiver receiver = new Receiver()) {
      String out = unique("PC");
      AlipayTradePrecreateResponse created = precreate(f2f(out, "12.34"), receiver.url());
      assertThat(created.isSuccess()).isTrue();
      assertThat(created.getOutTradeNo()).isEqualTo(out);
      assertThat(created.getQrCode()).startsWith(base() + "/sandbox/");
      assertThat(query(out).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
      assertThat(precreate(f2f(out, "12.34"), receiver.url()).getQrCode())
          .isEqualTo(created.getQrCode());
      assertThat(precreate(f2f(out, "12.35"), receiver.url()).getSubCode())
          .isEqualTo("ACQ.CONTEXT_INCONSISTENT");

      HttpResponse<String> scanned = get(created.getQrCode());
      assertThat(scanned.statusCode()).isEqualTo(200);
      assertThat(query(out).getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");
      assertThat(buyer("pay", out, "111111").statusCode()).isEqualTo(200);

      assertThat(query(out).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
      assertThat(receiver.received()).hasSize(1);
      assertThat(receiver.received().get(0))
          .containsEntry("trade_status", "TRADE_SUCCESS")
          .containsEntry("total_amount", "12.34");
      assertThat(
              AlipaySignature.rsaCheckV1(
                  new HashMap<>(receiver.received().get(0)),
                  app().alipayPublicKey(),
                  "UTF-8",
                  "RSA2"))
          .isTrue();
      assertThat(precreate(f2f(out, "12.34"), null).getSubCode())
          .isEqualTo("ACQ.TRADE_HAS_SUCCESS");
    }
  }

  @Test
  void theBuyerApiScansAndPaysPrecreateOrdersAndBadRequestsAreRefused() throws Exception {
    String out = unique("PCAPI");
    precreate(f2f(out, "1.00"), null);
    assertThat(buyer("scan", out, null).statusCode()).isEqualTo(200);
    assertThat(buyer("pay", out, null).statusCode()).isEqualTo(200);
    assertThat(query(out).getTradeStatus()).isEqualTo("TRADE_SUCCESS");

    assertThat(
            precreate("{\"out_trade_no\":\"" + unique("X") + "\",\"total_amount\":\"1\"}", null)
                .getSubCode())
        .isEqualTo("ACQ.INVALID_PARAMETER");
  }

  @Test
  void barcodePayPaysAtOnceFromTheBuyersBalance() throws Exception {
    try (Receiver receiver = new Receiver()) {
      String out = unique("BC");
      BigDecimal before =
          new BigDecimal(buyerNamed("buyer@sandbox.paygate").get("balance").asString());

      AlipayTradePayResponse paid = barcode(out, "8.88", defaultAuthCode(), receiver.url());

      assertThat(paid.isSuccess()).isTrue();
      assertThat(paid.getCode()).isEqualTo("10000");
      assertThat(paid.getTradeNo()).matches("\\d{8}22\\d+");
      assertThat(paid.getOutTradeNo()).isEqualTo(out);
      assertThat(paid.getBuyerLogonId()).isEqualTo("buy***@sandbox.paygate");
      assertThat(paid.getTotalAmount()).isEqualTo("8.88");
      assertThat(paid.getReceiptAmount()).isEqualTo("8.88");
      assertThat(paid.getBuyerPayAmount()).isEqualTo("8.88");
      assertThat(paid.getGmtPayment()).isNotNull();
      assertThat(paid.getFundBillList()).hasSize(1);
      assertThat(paid.getFundBillList().get(0).getFundChannel()).isEqualTo("ALIPAYACCOUNT");
      assertThat(paid.getFundBillList().get(0).getAmount()).isEqualTo("8.88");
      assertThat(new BigDecimal(buyerNamed("buyer@sandbox.paygate").get("balance").asString()))
          .isEqualByComparingTo(before.subtract(new BigDecimal("8.88")));
      assertThat(query(out).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
      assertThat(receiver.received()).hasSize(1);
      assertThat(receiver.received().get(0)).containsEntry("trade_status", "TRADE_SUCCESS");

      assertThat(barcode(out, "8.88", defaultAuthCode(), null).getSubCode())
          .isEqualTo("ACQ.TRADE_HAS_SUCCESS");
    }
  }

  @Test
  void aBuyerWhoConfirmsWithTheirPasswordGets10003UntilTheyEnterIt() throws Exception {
    try (Receiver receiver = new Receiver()) {
      String logonId = unique("careful") + "@sandbox.test";
      sendJson(
          "POST",
          base() + "/sandbox/api/buyers",
          "{\"logon_id\":\"" + logonId + "\",\"pay_password\":\"246810\",\"balance\":\"50.00\"}");
      sendJson(
          "PUT",
          base() + "/sandbox/api/buyers/" + logonId + "/password-wait",
          "{\"enabled\":true}");
      String code = buyerNamed(logonId).get("auth_code").asString();
      String out = unique("PW");

      AlipayTradePayResponse waiting = barcode(out, "6.00", code, receiver.url());
      // Alipay's 10003: the trade exists, unpaid. The SDK's isSuccess() judges by sub_code alone
      // and says true: a merchant must read code, not isSuccess(), to tell this from paid.
      assertThat(waiting.getCode()).isEqualTo("10003");
      assertThat(waiting.isSuccess()).isTrue();
      assertThat(waiting.getSubCode()).isNull();
      assertThat(waiting.getOutTradeNo()).isEqualTo(out);
      assertThat(waiting.getTradeNo()).isNotBlank();
      assertThat(query(out).getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");
      // Asked again meanwhile: still waiting, nothing paid.
      assertThat(barcode(out, "6.00", code, receiver.url()).getCode()).isEqualTo("10003");
      assertThat(buyerNamed(logonId).get("balance").asString()).isEqualTo("50.00");

      // The buyer enters the password on the phone: paid, and the merchant is notified.
      sendJson(
          "POST",
          base() + "/sandbox/api/buyer/pay",
          "{\"app_id\":\""
              + app().appId()
              + "\",\"out_trade_no\":\""
              + out
              + "\",\"buyer_logon_id\":\""
              + logonId
              + "\",\"pay_password\":\"246810\"}");
      assertThat(query(out).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
      assertThat(buyerNamed(logonId).get("balance").asString()).isEqualTo("44.00");
      assertThat(receiver.received()).hasSize(1);
    }
  }

  @Test
  void barcodePayErrors() throws Exception {
    assertThat(barcode(unique("BAD"), "1.00", "289999999999999999", null).getSubCode())
        .isEqualTo("ACQ.PAYMENT_AUTH_CODE_INVALID");

    String logonId = unique("poor") + "@sandbox.test";
    sendJson(
        "POST",
        base() + "/sandbox/api/buyers",
        "{\"logon_id\":\"" + logonId + "\",\"pay_password\":\"1\",\"balance\":\"1.00\"}");
    String poorCode = buyerNamed(logonId).get("auth_code").asString();
    String out = unique("POOR");
    AlipayTradePayResponse refused = barcode(out, "5.00", poorCode, null);
    assertThat(refused.getCode()).isEqualTo("40004");
    assertThat(refused.getSubCode()).isEqualTo("ACQ.BUYER_BALANCE_NOT_ENOUGH");

    // Topped up, the same out_trade_no goes through.
    sendJson("PUT", base() + "/sandbox/api/buyers/" + logonId + "/balance", "{\"balance\":\"9\"}");
    assertThat(barcode(out, "5.00", poorCode, null).isSuccess()).isTrue();

    AlipayTradePayRequest noScene = new AlipayTradePayRequest();
    noScene.setBizContent(
        "{\"out_trade_no\":\""
            + unique("NS")
            + "\",\"auth_code\":\""
            + poorCode
            + "\",\"total_amount\":\"1.00\",\"subject\":\"x\"}");
    assertThat(sdk().execute(noScene).getSubCode()).isEqualTo("ACQ.INVALID_PARAMETER");
  }

  @Test
  void cancelClosesAnUnpaidTradeAndRefundsAPaidOne() throws Exception {
    String waiting = unique("CW");
    precreate(f2f(waiting, "3.00"), null);
    buyer("scan", waiting, null);
    AlipayTradeCancelResponse closed = cancel(waiting);
    assertThat(closed.isSuccess()).isTrue();
    assertThat(closed.getAction()).isEqualTo("close");
    assertThat(closed.getRetryFlag()).isEqualTo("N");
    assertThat(closed.getTradeNo()).isNotBlank();
    assertThat(query(waiting).getTradeStatus()).isEqualTo("TRADE_CLOSED");

    String unscanned = unique("CU");
    precreate(f2f(unscanned, "3.00"), null);
    assertThat(cancel(unscanned).getAction()).isEqualTo("close");
    assertThat(buyer("scan", unscanned, null).statusCode()).isEqualTo(409);

    String paid = unique("CP");
    BigDecimal before =
        new BigDecimal(buyerNamed("buyer@sandbox.paygate").get("balance").asString());
    barcode(paid, "6.00", defaultAuthCode(), null);
    AlipayTradeCancelResponse refunded = cancel(paid);
    assertThat(refunded.isSuccess()).isTrue();
    assertThat(refunded.getAction()).isEqualTo("refund");
    assertThat(refunded.getRetryFlag()).isEqualTo("N");
    assertThat(refunded.getGmtRefundPay()).isNotNull();
    assertThat(query(paid).getTradeStatus()).isEqualTo("TRADE_CLOSED");
    assertThat(new BigDecimal(buyerNamed("buyer@sandbox.paygate").get("balance").asString()))
        .isEqualByComparingTo(before);
    AlipayTradeFastpayRefundQueryRequest refundQuery = new AlipayTradeFastpayRefundQueryRequest();
    refundQuery.setBizContent(
        "{\"out_trade_no\":\"" + paid + "\",\"out_request_no\":\"" + paid + "\"}");
    assertThat(sdk().execute(refundQuery).getRefundAmount()).isEqualTo("6.00");
    // Cancel is meant to be retried: a repeat answers the same.
    assertThat(cancel(paid).getAction()).isEqualTo("refund");
  }

  @Test
  void cancelErrors() throws Exception {
    assertThat(cancel(unique("NONE")).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");

    String page = unique("PG");
    openCashier(pagePay(biz(page, "1.00", "FAST_INSTANT_TRADE_PAY"), null, null));
    buyer("scan", page, null);
    assertThat(cancel(page).getSubCode()).isEqualTo("ACQ.CANCEL_NOT_ALLOWED");

    String late = unique("LATE");
    barcode(late, "1.00", defaultAuthCode(), null);
    advance(25 * 3600);
    assertThat(cancel(late).getSubCode()).isEqualTo("ACQ.TRADE_CANCEL_TIME_OUT");
  }
}
