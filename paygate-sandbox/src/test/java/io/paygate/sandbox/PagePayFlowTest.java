package io.paygate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.response.AlipayTradeQueryResponse;
import io.paygate.core.testkit.Receiver;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PagePayFlowTest extends PageFlowSupport {

  @Test
  void theSdkFormOpensTheCashierButNoTradeExistsBeforeTheBuyerComes() throws Exception {
    String out = unique("PC");
    String cashier = openCashier(pagePay(biz(out, "88.80", "FAST_INSTANT_TRADE_PAY"), null, null));

    assertThat(cashier).startsWith(base() + "/sandbox/cashier/");
    HttpResponse<String> page = get(cashier);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("测试商品 Test", "88.80", "qr.png", "pay_password");
    assertThat(get(cashier + "/qr.png").headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(query(out).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");

    get(cashier + "/scan");

    AlipayTradeQueryResponse scanned = query(out);
    assertThat(scanned.isSuccess()).isTrue();
    assertThat(scanned.getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");
    assertThat(scanned.getTradeNo()).hasSize(28);
  }

  @Test
  void payingThroughTheApiRedirectsSignedNotifiesSignedAndQueriesPaid() throws Exception {
    try (Receiver receiver = new Receiver()) {
      String out = unique("API");
      openCashier(
          pagePay(
              biz(out, "12.34", "FAST_INSTANT_TRADE_PAY"),
              receiver.url(),
              "https://shop.example/return?x=1"));
      BigDecimal before = balance();

      HttpResponse<String> scanned = buyer("scan", out, null);
      assertThat(json(scanned).get("trade_status").asString()).isEqualTo("WAIT_BUYER_PAY");
      assertThat(receiver.received()).isEmpty(); // page pay does not notify WAIT_BUYER_PAY

      HttpResponse<String> paid = buyer("pay", out, "111111");

      assertThat(paid.statusCode()).isEqualTo(200);
      JsonNode result = json(paid);
      assertThat(result.get("trade_status").asString()).isEqualTo("TRADE_SUCCESS");
      Map<String, String> ret = queryParams(result.get("return_url").asString());
      assertThat(ret)
          .containsEntry("x", "1")
          .containsEntry("method", "alipay.trade.page.pay.return")
          .containsEntry("out_trade_no", out)
          .containsEntry("total_amount", "12.34")
          .containsEntry("trade_no", result.get("trade_no").asString())
          .containsEntry("seller_id", app().sellerId());
      ret.remove("x");
      assertThat(
              AlipaySignature.rsaCheckV1(
                  new HashMap<>(ret), app().alipayPublicKey(), "UTF-8", "RSA2"))
          .isTrue();

      assertThat(receiver.received()).hasSize(1);
      Map<String, String> notify = receiver.received().get(0);
      assertThat(
              AlipaySignature.rsaCheckV1(
                  new HashMap<>(notify), app().alipayPublicKey(), "UTF-8", "RSA2"))
          .isTrue();
      assertThat(notify)
          .containsEntry("trade_status", "TRADE_SUCCESS")
          .containsEntry("total_amount", "12.34")
          .containsEntry("receipt_amount", "12.34")
          .containsEntry("out_trade_no", out)
          .containsEntry("app_id", app().appId())
          .containsEntry("seller_id", app().sellerId())
          .containsEntry("notify_type", "trade_status_sync")
          .containsEntry("sign_type", "RSA2")
          .containsKeys("notify_id", "notify_time", "gmt_payment", "buyer_id", "fund_bill_list");
      assertThat(notify.values()).allMatch(v -> !v.isEmpty());
      Map<String, String> tampered = new HashMap<>(notify);
      tampered.put("total_amount", "0.01");
      assertThat(AlipaySignature.rsaCheckV1(tampered, app().alipayPublicKey(), "UTF-8", "RSA2"))
          .isFalse();

      AlipayTradeQueryResponse query = query(out);
      assertThat(query.getTradeStatus()).isEqualTo("TRADE_SUCCESS");
      assertThat(query.getTotalAmount()).isEqualTo("12.34");
      assertThat(query.getBuyerPayAmount()).isEqualTo("12.34");
      assertThat(query.getReceiptAmount()).isEqualTo("12.34");
      assertThat(query.getSendPayDate()).isNotNull();
      assertThat(balance()).isEqualByComparingTo(before.subtract(new BigDecimal("12.34")));

      JsonNode notifies = json(get(base() + "/sandbox/api/notifies?out_trade_no=" + out));
      assertThat(notifies).hasSize(1);
      assertThat(notifies.get(0).get("delivered").asBoolean()).isTrue();
      assertThat(notifies.get(0).get("attempts").get(0).get("reply").asString())
          .isEqualTo("success");
      assertThat(notifies.get(0).get("attempts").get(0).get("http_status").asInt()).isEqualTo(200);
    }
  }

  @Test
  void payingThroughTheCashierFormRedirectsToTheReturnUrl() throws Exception {
    String out = unique("FORM");
    String cashier =
        openCashier(
            pagePay(biz(out, "1.00", "FAST_INSTANT_TRADE_PAY"), null, "https://shop.example/back"));

    HttpResponse<String> wrong =
        postForm(
            cashier + "/pay", Map.of("logon_id", "buyer@sandbox.paygate", "pay_password", "nope"));
    assertThat(wrong.statusCode()).isEqualTo(200);
    assertThat(wrong.body()).contains("支付密码错误");
    assertThat(query(out).getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");

    HttpResponse<String> paid =
        postForm(
            cashier + "/pay",
            Map.of("logon_id", "buyer@sandbox.paygate", "pay_password", "111111"));

    assertThat(paid.statusCode()).isEqualTo(302);
    String location = paid.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("https://shop.example/back?");
    assertThat(
            AlipaySignature.rsaCheckV1(
                new HashMap<>(queryParams(location)), app().alipayPublicKey(), "UTF-8", "RSA2"))
        .isTrue();
    assertThat(query(out).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
  }

  @Test
  void theSameOutTradeNoJoinsConflictsOrIsRefusedOnceSettled() throws Exception {
    String out = unique("SAME");
    String first = openCashier(pagePay(biz(out, "5.00", "FAST_INSTANT_TRADE_PAY"), null, null));
    assertThat(openCashier(pagePay(biz(out, "5.00", "FAST_INSTANT_TRADE_PAY"), null, null)))
        .isEqualTo(first);

    HttpResponse<String> changed =
        submitForm(pagePay(biz(out, "6.00", "FAST_INSTANT_TRADE_PAY"), null, null));
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.body()).contains("ACQ.CONTEXT_INCONSISTENT");

    buyer("pay", out, "111111");
    assertThat(submitForm(pagePay(biz(out, "5.00", "FAST_INSTANT_TRADE_PAY"), null, null)).body())
        .contains("ACQ.TRADE_HAS_SUCCESS");
  }

  @Test
  void invalidOrdersAreShownOnAnErrorPage() throws Exception {
    assertThat(
            submitForm(pagePay(biz("bad-no!", "1.00", "FAST_INSTANT_TRADE_PAY"), null, null))
                .body())
        .contains("ACQ.INVALID_PARAMETER");
    assertThat(
            submitForm(pagePay(biz(unique("A"), "1.001", "FAST_INSTANT_TRADE_PAY"), null, null))
                .body())
        .contains("ACQ.INVALID_PARAMETER");
    assertThat(
            submitForm(
                    pagePay(biz(unique("A"), "100000000.01", "FAST_INSTANT_TRADE_PAY"), null, null))
                .body())
        .contains("ACQ.TOTAL_FEE_EXCEED");
    assertThat(submitForm(pagePay(biz(unique("A"), "1.00", "QUICK_WAP_WAY"), null, null)).body())
        .contains("ACQ.INVALID_PARAMETER");
    String tooLong =
        "{\"out_trade_no\":\""
            + unique("A")
            + "\",\"total_amount\":\"1.00\",\"subject\":\"s\","
            + "\"product_code\":\"FAST_INSTANT_TRADE_PAY\",\"body\":\""
            + "b".repeat(129)
            + "\"}";
    assertThat(submitForm(pagePay(tooLong, null, null)).body()).contains("ACQ.INVALID_PARAMETER");
  }

  @Test
  void buyerApiRefusalsAreProblemDetails() throws Exception {
    String out = unique("REF");
    openCashier(pagePay(biz(out, "2.00", "FAST_INSTANT_TRADE_PAY"), null, null));

    HttpResponse<String> wrong = buyer("pay", out, "000000");
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(wrong.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(json(wrong).get("code").asString()).isEqualTo("WRONG_PAY_PASSWORD");

    HttpResponse<String> unknown = buyer("pay", unique("NEVER"), "111111");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("code").asString()).isEqualTo("ORDER_NOT_FOUND");

    String poor = unique("poor") + "@example.com";
    sendJson(
        "POST",
        base() + "/sandbox/api/buyers",
        "{\"logon_id\":\"" + poor + "\",\"pay_password\":\"1\",\"balance\":\"1.99\"}");
    HttpResponse<String> broke =
        sendJson(
            "POST",
            base() + "/sandbox/api/buyer/pay",
            "{\"app_id\":\""
                + app().appId()
                + "\",\"out_trade_no\":\""
                + out
                + "\",\"buyer_logon_id\":\""
                + poor
                + "\"}");
    assertThat(broke.statusCode()).isEqualTo(409);
    assertThat(json(broke).get("code").asString())
        .isIn("INSUFFICIENT_BALANCE", "TRADE_BUYER_NOT_MATCH");

    HttpResponse<String> missing = sendJson("POST", base() + "/sandbox/api/buyer/pay", "{}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(json(missing).get("code").asString()).isEqualTo("MISSING_FIELD");
  }

  @Test
  void aPoorBuyerCannotPay() throws Exception {
    String out = unique("POOR");
    openCashier(pagePay(biz(out, "2.00", "FAST_INSTANT_TRADE_PAY"), null, null));
    String poor = unique("poor") + "@example.com";
    sendJson(
        "POST",
        base() + "/sandbox/api/buyers",
        "{\"logon_id\":\"" + poor + "\",\"pay_password\":\"1\",\"balance\":\"1.99\"}");

    HttpResponse<String> broke =
        sendJson(
            "POST",
            base() + "/sandbox/api/buyer/pay",
            "{\"app_id\":\""
                + app().appId()
                + "\",\"out_trade_no\":\""
                + out
                + "\",\"buyer_logon_id\":\""
                + poor
                + "\",\"pay_password\":\"1\"}");

    assertThat(broke.statusCode()).isEqualTo(409);
    assertThat(json(broke).get("code").asString()).isEqualTo("INSUFFICIENT_BALANCE");
    assertThat(query(out).getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");
  }

  private BigDecimal balance() throws Exception {
    for (JsonNode b : json(get(base() + "/sandbox/api/buyers"))) {
      if (b.get("logon_id").asString().equals("buyer@sandbox.paygate")) {
        return new BigDecimal(b.get("balance").asString());
      }
    }
    throw new AssertionError("no default buyer");
  }

  static Map<String, String> queryParams(String url) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }
}
