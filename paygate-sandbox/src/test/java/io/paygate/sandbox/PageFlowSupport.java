package io.paygate.sandbox;

import com.alipay.api.AlipayRequest;
import com.alipay.api.request.AlipayTradePagePayRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeWapPayRequest;
import com.alipay.api.response.AlipayTradeQueryResponse;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Drives the page flow the way a browser does with the SDK's pageExecute form. */
abstract class PageFlowSupport extends SandboxTestSupport {

  private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");
  private static final Pattern BIZ = Pattern.compile("name=\"biz_content\" value=\"([^\"]*)\"");

  protected static String biz(String outTradeNo, String amount, String productCode) {
    return "{\"out_trade_no\":\""
        + outTradeNo
        + "\",\"total_amount\":\""
        + amount
        + "\",\"subject\":\"测试商品 Test\",\"product_code\":\""
        + productCode
        + "\"}";
  }

  protected AlipayTradePagePayRequest pagePay(
      String bizContent, String notifyUrl, String returnUrl) {
    AlipayTradePagePayRequest request = new AlipayTradePagePayRequest();
    request.setBizContent(bizContent);
    request.setNotifyUrl(notifyUrl);
    request.setReturnUrl(returnUrl);
    return request;
  }

  protected AlipayTradeWapPayRequest wapPay(String bizContent, String notifyUrl) {
    AlipayTradeWapPayRequest request = new AlipayTradeWapPayRequest();
    request.setBizContent(bizContent);
    request.setNotifyUrl(notifyUrl);
    return request;
  }

  /** Builds the SDK's punchout form and submits it like a browser; returns the gateway's answer. */
  protected HttpResponse<String> submitForm(AlipayRequest<?> request) throws Exception {
    String html = sdk().pageExecute(request).getBody();
    Matcher action = ACTION.matcher(html);
    Matcher biz = BIZ.matcher(html);
    if (!action.find() || !biz.find()) {
      throw new AssertionError("not a punchout form: " + html);
    }
    String url = action.group(1).replace("&amp;", "&");
    String bizContent = biz.group(1).replace("&quot;", "\"");
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    form(java.util.Map.of("biz_content", bizContent))))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Posts the form and returns the cashier URL it redirects to. */
  protected String openCashier(AlipayRequest<?> request) throws Exception {
    HttpResponse<String> response = submitForm(request);
    if (response.statusCode() != 302) {
      throw new AssertionError("expected the cashier redirect, got " + response.body());
    }
    return response.headers().firstValue("Location").orElseThrow();
  }

  protected AlipayTradeQueryResponse query(String outTradeNo) throws Exception {
    AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
    request.setBizContent("{\"out_trade_no\":\"" + outTradeNo + "\"}");
    return sdk().execute(request);
  }

  protected HttpResponse<String> buyer(String action, String outTradeNo, String password)
      throws Exception {
    String body =
        "{\"app_id\":\""
            + app().appId()
            + "\",\"out_trade_no\":\""
            + outTradeNo
            + "\",\"buyer_logon_id\":\"buyer@sandbox.paygate\""
            + (password == null ? "" : ",\"pay_password\":\"" + password + "\"")
            + "}";
    return sendJson("POST", base() + "/sandbox/api/buyer/" + action, body);
  }

  protected String advance(long seconds) throws Exception {
    return json(sendJson(
            "POST", base() + "/sandbox/api/clock/advance", "{\"seconds\":" + seconds + "}"))
        .get("now")
        .asString();
  }
}
