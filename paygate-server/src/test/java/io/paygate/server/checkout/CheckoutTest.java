package io.paygate.server.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.paygate.server.ConsoleSession;
import io.paygate.server.SharedServerTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The one cashier, {@code /checkout/{no}}, for {@code product: any} payments, through the embedded
 * sandbox: a desktop browser scans a QR code, a phone browser goes to the wap cashier, the Alipay
 * app signs the buyer in and pays by JSAPI; each ends PAID with one charge, carried by the way it
 * took. A second way never takes a second payment.
 */
class CheckoutTest extends SharedServerTest {

  static final String DESKTOP =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0"
          + " Safari/537.36";
  static final String PHONE =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
  static final String ALIPAY_APP =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Mobile/15E148 Nebula AliApp(AP/10.5.30) AlipayClient/10.5.30 Language/zh-Hans";

  static final String WECHAT =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI"
          + " Language/zh_CN";

  private static final Pattern PAY_PARAMS = Pattern.compile("data-pay-params=\"([^\"]+)\"");
  private static final Pattern QR_IMAGE = Pattern.compile("src=\"data:image/png;base64,([^\"]+)\"");
  private static final Pattern TRADE_NO = Pattern.compile("data-trade-no=\"([0-9]+)\"");

  private String anyPayment(String amount) {
    String out = "ANY" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    Reply created = createAnyPayment(out, amount);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("product").asString()).isEqualTo("any");
    assertThat(created.json().get("pay_url").asString()).isEqualTo(base() + "/checkout/" + out);
    assertThat(created.json().has("way")).isFalse();
    return out;
  }

  private Reply as(String userAgent, String urlOrPath) {
    String url = urlOrPath.startsWith("http") ? urlOrPath : base() + urlOrPath;
    return send(
        HttpRequest.newBuilder(java.net.URI.create(url))
            .header("User-Agent", userAgent)
            .GET()
            .build());
  }

  /** The same, from a browser that keeps a cookie ("name=value"). */
  private Reply as(String userAgent, String urlOrPath, String cookie) {
    String url = urlOrPath.startsWith("http") ? urlOrPath : base() + urlOrPath;
    return send(
        HttpRequest.newBuilder(java.net.URI.create(url))
            .header("User-Agent", userAgent)
            .header("Cookie", cookie)
            .GET()
            .build());
  }

  private int succeeded(String out) {
    return api("GET", "/api/v1/events?type=payment.succeeded&payment=" + out, null)
        .json()
        .get("data")
        .size();
  }

  private Reply buyer(String action, Map<String, String> body) {
    return postJson("/sandbox/api/buyer/" + action, body);
  }

  private Map<String, String> defaultBuyerDoes(String key, String value) {
    JsonNode buyer = defaultBuyer();
    return Map.of(
        "app_id",
        appId(),
        key,
        value,
        "buyer_logon_id",
        buyer.get("logon_id").asString(),
        "pay_password",
        buyer.get("pay_password").asString());
  }

  /** What the page's QR code says, read back from its image. */
  private static String qrText(String page) throws Exception {
    Matcher image = QR_IMAGE.matcher(page);
    assertThat(image.find()).as("a QR image in " + page).isTrue();
    byte[] png = Base64.getDecoder().decode(image.group(1));
    BufferedImage code = ImageIO.read(new ByteArrayInputStream(png));
    // Read as the pure code it is: ZXing's finder, looking for a code inside a photo, misses about
    // one generated code in a hundred (measured over 2,000 URLs), which a phone's reader does not.
    BinaryBitmap bitmap =
        new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(code)));
    return new QRCodeReader()
        .decode(bitmap, Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE))
        .getText();
  }

  @Test
  void aDesktopBrowserGetsTheOrderAQrCodeAndAButtonAndTheScanPaysIt() throws Exception {
    String out = anyPayment("7.10");
    BigDecimal before = buyerBalance();

    Reply page = as(DESKTOP, "/checkout/" + out);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    assertThat(page.body())
        .contains("聚合收银台 Checkout")
        .contains("7.10")
        .contains("id=\"qr\"")
        .contains("href=\"/checkout/" + out + "/page\"")
        .doesNotContain("<script>")
        .containsPattern("src=\"/js/checkout-[0-9a-f]{32}\\.js\"");
    assertThat(payment(out).get("way").asString()).isEqualTo("qr");
    String scanUrl = qrText(page.body());
    assertThat(scanUrl).contains("/sandbox/cashier/");

    // The buyer's phone scans the code, and pays.
    assertThat(get(scanUrl).status()).isEqualTo(200);
    assertThat(buyer("pay", defaultBuyerDoes("out_trade_no", out)).status()).isEqualTo(200);

    JsonNode paid = payment(out);
    assertThat(paid.get("status").asString()).isEqualTo("PAID");
    assertThat(paid.get("product").asString()).isEqualTo("any");
    assertThat(paid.get("way").asString()).isEqualTo("qr");
    assertThat(succeeded(out)).isEqualTo(1);
    assertThat(before.subtract(buyerBalance())).isEqualByComparingTo("7.10");
    // The cashier now says so, with nothing left to pay with.
    Reply after = as(DESKTOP, "/checkout/" + out);
    assertThat(after.body()).contains("已支付 PAID").doesNotContain("id=\"qr\"");
  }

  @Test
  void aPhoneBrowserGoesToTheWapCashier() {
    String out = anyPayment("3.20");
    Reply page = as(PHONE, "/checkout/" + out);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    assertThat(page.body())
        .contains("alipay.trade.wap.pay")
        .contains("QUICK_WAP_WAY")
        .doesNotContain("style=")
        .doesNotContain("<script>");
    Reply cashier = submitPayForm(page);
    assertThat(cashier.status()).isEqualTo(302);
    assertThat(cashier.header("Location")).contains("/sandbox/cashier/");
    assertThat(payAsBuyer(out).status()).isEqualTo(200);

    JsonNode paid = payment(out);
    assertThat(paid.get("status").asString()).isEqualTo("PAID");
    assertThat(paid.get("way").asString()).isEqualTo("wap");
    assertThat(succeeded(out)).isEqualTo(1);
  }

  @Test
  void insideTheAlipayAppTheBuyerSignsInAndPaysByJsapiAndNoOtherBuyerCan() {
    String out = anyPayment("4.30");
    JsonNode buyer = defaultBuyer();

    // The Alipay app opens the cashier: it sends the buyer to Alipay's sign-in page.
    Reply first = as(ALIPAY_APP, "/checkout/" + out);
    assertThat(first.status()).as(first.body()).isEqualTo(302);
    String authorize = first.header("Location");
    assertThat(authorize)
        .startsWith(base() + "/sandbox/oauth2/publicAppAuthorize.htm?")
        .contains("app_id=" + appId())
        .contains("scope=auth_base")
        .contains(
            "redirect_uri="
                + java.net.URLEncoder.encode(
                    base() + "/checkout/" + out + "/signed-in", StandardCharsets.UTF_8));
    // The sandbox's page shows the buyers to choose from.
    assertThat(as(ALIPAY_APP, authorize).body()).contains(buyer.get("logon_id").asString());

    // The buyer signed in to the app agrees: back to us with an auth code.
    Reply back = as(ALIPAY_APP, authorize + "&buyer_logon_id=" + buyer.get("logon_id").asString());
    assertThat(back.status()).as(back.body()).isEqualTo(302);
    String signedIn = back.header("Location");
    assertThat(signedIn)
        .startsWith(base() + "/checkout/" + out + "/signed-in?")
        .contains("auth_code=");
    // The sign-in's state lives in the browser that started it: a return without it, or with
    // another state, did not start here and is refused before the code is spent.
    String startedCookie = first.header("Set-Cookie").split(";", 2)[0];
    assertThat(startedCookie).startsWith("paygate_checkout_state=");
    assertThat(signedIn)
        .contains("state=" + startedCookie.substring(startedCookie.indexOf('=') + 1));
    Reply forged = as(ALIPAY_APP, signedIn);
    assertThat(forged.status()).as(forged.body()).isEqualTo(400);
    assertThat(forged.body()).contains("VALIDATION_FAILED").contains("open the cashier again");
    assertThat(as(ALIPAY_APP, signedIn, "paygate_checkout_state=another").status()).isEqualTo(400);
    JsonNode noWay = payment(out).get("way");
    assertThat(noWay == null || noWay.isNull()).as("no way opened by a refused return").isTrue();

    Reply toJsapi = as(ALIPAY_APP, signedIn, startedCookie);
    assertThat(toJsapi.status()).as(toJsapi.body()).isEqualTo(302);
    assertThat(toJsapi.header("Location")).endsWith("/checkout/" + out + "/jsapi");
    // The code is spent: the same return again is refused, and opens nothing more.
    assertThat(as(ALIPAY_APP, signedIn, startedCookie).status()).isEqualTo(422);

    Reply jsapi = as(ALIPAY_APP, "/checkout/" + out + "/jsapi");
    assertThat(jsapi.status()).as(jsapi.body()).isEqualTo(200);
    Matcher tradeNo = TRADE_NO.matcher(jsapi.body());
    assertThat(tradeNo.find()).as(jsapi.body()).isTrue();
    assertThat(payment(out).get("way").asString()).isEqualTo("jsapi");

    // Another buyer cannot pay the trade made for this one.
    String other = "o" + UUID.randomUUID().toString().substring(0, 8) + "@sandbox.paygate";
    postJson(
        "/sandbox/api/buyers",
        Map.of("logon_id", other, "pay_password", "111111", "balance", "100.00"));
    Reply stranger =
        buyer(
            "pay",
            Map.of(
                "app_id",
                appId(),
                "trade_no",
                tradeNo.group(1),
                "buyer_logon_id",
                other,
                "pay_password",
                "111111"));
    assertThat(stranger.status()).isEqualTo(409);

    // my.tradePay, as the sandbox plays it.
    assertThat(buyer("pay", defaultBuyerDoes("trade_no", tradeNo.group(1))).status())
        .isEqualTo(200);
    JsonNode paid = payment(out);
    assertThat(paid.get("status").asString()).isEqualTo("PAID");
    assertThat(paid.get("way").asString()).isEqualTo("jsapi");
    assertThat(succeeded(out)).isEqualTo(1);
  }

  @Test
  void aWayNobodyOpenedGivesWayAndItsOldCodeNoLongerPays() throws Exception {
    String out = anyPayment("2.40");
    BigDecimal before = buyerBalance();
    String oldScan = qrText(as(DESKTOP, "/checkout/" + out).body());

    // The desktop buyer presses the button instead of scanning: the page cashier takes its place.
    Reply form = as(DESKTOP, "/checkout/" + out + "/page");
    assertThat(form.body()).contains("FAST_INSTANT_TRADE_PAY");
    assertThat(payment(out).get("way").asString()).isEqualTo("page");
    assertThat(submitPayForm(form).header("Location")).contains("/sandbox/cashier/");

    // The QR code shown before leads nowhere now.
    assertThat(get(oldScan).status()).isEqualTo(404);
    assertThat(payAsBuyer(out).status()).isEqualTo(200);
    assertThat(payment(out).get("status").asString()).isEqualTo("PAID");
    assertThat(payment(out).get("way").asString()).isEqualTo("page");
    assertThat(succeeded(out)).isEqualTo(1);
    assertThat(before.subtract(buyerBalance())).isEqualByComparingTo("2.40");
  }

  @Test
  void aWayABuyerOpenedHoldsThePaymentAndAnotherWayIsRefused() throws Exception {
    String out = anyPayment("1.50");
    BigDecimal before = buyerBalance();
    get(qrText(as(DESKTOP, "/checkout/" + out).body())); // scanned: the trade exists at Alipay

    // A phone, the page cashier and the Alipay app arriving now are told where it is being paid.
    Reply phone = as(PHONE, "/checkout/" + out);
    assertThat(phone.status()).isEqualTo(200);
    assertThat(phone.body()).contains("id=\"held\"").contains("扫码支付").doesNotContain("<form");
    assertThat(as(DESKTOP, "/checkout/" + out + "/page").body()).contains("id=\"held\"");
    assertThat(payment(out).get("way").asString()).isEqualTo("qr");

    assertThat(payAsBuyer(out).status()).isEqualTo(200);
    assertThat(payAsBuyer(out).status()).isEqualTo(409); // Alipay never takes it twice
    assertThat(payment(out).get("status").asString()).isEqualTo("PAID");
    assertThat(succeeded(out)).isEqualTo(1);
    assertThat(before.subtract(buyerBalance())).isEqualByComparingTo("1.50");
  }

  @Test
  void theBuyersLinkOfAnAnyPaymentIsTheCashier() {
    String out = anyPayment("1.10");
    // The console shows the product, the way once one opened, and the cashier link.
    ConsoleSession admin = logInAsAdmin();
    assertThat(admin.get("/payments/" + out).body())
        .contains("ANY")
        .contains("href=\"/checkout/" + out + "\"");
    as(DESKTOP, "/checkout/" + out);
    assertThat(admin.get("/payments/" + out).body()).contains("ANY").contains("→ QR");

    Reply pay = get("/pay/" + out);
    assertThat(pay.status()).isEqualTo(302);
    assertThat(pay.header("Location")).endsWith("/checkout/" + out);
    assertThat(URLDecoder.decode(pay.header("Location"), StandardCharsets.UTF_8)).contains(out);
  }

  /**
   * Opens the cashier in WeChat's browser: WeChat's silent sign-in at the offline WeChat Pay, back
   * with a code, then the JSAPI page; answers its pay parameters.
   */
  private JsonNode wechatJsapi(String out) {
    Reply first = as(WECHAT, "/checkout/" + out);
    assertThat(first.status()).as(first.body()).isEqualTo(302);
    String authorize = first.header("Location");
    assertThat(authorize)
        .startsWith(base() + "/sandbox/wechatpay/connect/oauth2/authorize?")
        .contains("scope=snsapi_base")
        .contains(
            "redirect_uri="
                + java.net.URLEncoder.encode(
                    base() + "/checkout/" + out + "/wechat-signed-in", StandardCharsets.UTF_8));
    String startedCookie = first.header("Set-Cookie").split(";", 2)[0];
    assertThat(startedCookie).startsWith("paygate_checkout_state=");

    Reply back = as(WECHAT, authorize);
    assertThat(back.status()).as(back.body()).isEqualTo(302);
    String signedIn = back.header("Location");
    assertThat(signedIn)
        .startsWith(base() + "/checkout/" + out + "/wechat-signed-in?")
        .contains("code=");
    // The state is checked as for Alipay: a return from another browser is refused.
    assertThat(as(WECHAT, signedIn).status()).isEqualTo(400);
    assertThat(as(WECHAT, signedIn, "paygate_checkout_state=another").status()).isEqualTo(400);

    Reply toJsapi = as(WECHAT, signedIn, startedCookie);
    assertThat(toJsapi.status()).as(toJsapi.body()).isEqualTo(302);
    assertThat(toJsapi.header("Location")).endsWith("/checkout/" + out + "/jsapi");
    Reply jsapi = as(WECHAT, "/checkout/" + out + "/jsapi");
    assertThat(jsapi.status()).as(jsapi.body()).isEqualTo(200);
    assertThat(jsapi.body()).contains("微信支付").contains("id=\"wxpay-way\"");
    Matcher params = PAY_PARAMS.matcher(jsapi.body());
    assertThat(params.find()).as(jsapi.body()).isTrue();
    return JSON.readTree(
        params.group(1).replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&"));
  }

  @Test
  void insideWechatTheBuyerPaysByWechatJsapiAndAlipaysWaysAreHeldAfter() throws Exception {
    String out = anyPayment("2.20");
    BigDecimal alipayBefore = buyerBalance();

    JsonNode params = wechatJsapi(out);
    assertThat(params.get("package").asString()).startsWith("prepay_id=");
    JsonNode opened = payment(out);
    assertThat(opened.get("channel").asString()).isEqualTo("wechatpay");
    assertThat(opened.get("way").asString()).isEqualTo("jsapi");
    JsonNode payer = wechatPayer(params.get("appId").asString());
    long before = payer.get("balance").asLong();

    // A desktop arriving now is told where it is being paid; no Alipay code is made for it.
    Reply desktop = as(DESKTOP, "/checkout/" + out);
    assertThat(desktop.body()).contains("id=\"held\"").contains("WeChat");
    assertThat(desktop.body()).doesNotContain("id=\"qr\"");

    assertThat(wechatPays(payer, out, params).status()).isEqualTo(200);
    JsonNode paid = payment(out);
    assertThat(paid.get("status").asString()).isEqualTo("PAID");
    assertThat(paid.get("channel").asString()).isEqualTo("wechatpay");
    assertThat(succeeded(out)).isEqualTo(1);
    assertThat(before - wechatPayer(params.get("appId").asString()).get("balance").asLong())
        .isEqualTo(220);
    assertThat(buyerBalance()).isEqualByComparingTo(alipayBefore);
  }

  @Test
  void paidAtBothChannelsTheSecondChargeIsGivenBackAtAlipay() throws Exception {
    String out = anyPayment("1.70");
    BigDecimal alipayBefore = buyerBalance();
    // A desktop showed Alipay's code (never scanned, so nothing at Alipay to close) ...
    String oldScan = qrText(as(DESKTOP, "/checkout/" + out).body());
    // ... then the buyer opened the printed code in WeChat and paid there.
    JsonNode params = wechatJsapi(out);
    JsonNode payer = wechatPayer(params.get("appId").asString());
    long before = payer.get("balance").asLong();
    assertThat(wechatPays(payer, out, params).status()).isEqualTo(200);
    assertThat(payment(out).get("status").asString()).isEqualTo("PAID");

    // The old Alipay code, still on the desktop's screen, is scanned and paid as well.
    assertThat(get(oldScan).status()).isEqualTo(200);
    assertThat(payAsBuyer(out).status()).isEqualTo(200);

    // Alipay's notification of it gave it back at Alipay: one charge in all.
    JsonNode after = payment(out);
    assertThat(after.get("status").asString()).isEqualTo("PAID");
    assertThat(after.get("channel").asString()).isEqualTo("wechatpay");
    assertThat(after.get("attention").asString()).isEqualToIgnoringCase("paid_after_close");
    assertThat(buyerBalance()).isEqualByComparingTo(alipayBefore);
    assertThat(before - wechatPayer(params.get("appId").asString()).get("balance").asLong())
        .isEqualTo(170);
    assertThat(succeeded(out)).isEqualTo(1);
  }

  /** What status a page answered, with its body for the failure message. */
  private static String answered(Reply reply) {
    return reply.status() + " " + reply.body();
  }

  @Test
  void theWechatWaysAnswerBadInputAndAnAbsentWechatPayWithAProblemPageNeverA500() {
    String none = "NONE" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    assertThat(as(DESKTOP, "/checkout/" + none + "/wechat-qr").status()).isEqualTo(404);
    assertThat(
            as(
                    WECHAT,
                    "/checkout/" + none + "/wechat-signed-in?code=c&state=s",
                    "paygate_checkout_state=s")
                .status())
        .isEqualTo(404);

    String out = anyPayment("1.40");
    Reply first = as(WECHAT, "/checkout/" + out);
    assertThat(first.status()).as(first.body()).isEqualTo(302);
    String cookie = first.header("Set-Cookie").split(";", 2)[0];
    String state = cookie.substring(cookie.indexOf('=') + 1);
    String back = "/checkout/" + out + "/wechat-signed-in?state=" + state;
    // No code, an empty one, an overlong one, one WeChat does not know: the buyer's 4xx.
    assertThat(as(WECHAT, back, cookie)).extracting(Reply::status).isEqualTo(400);
    assertThat(as(WECHAT, back + "&code=", cookie)).extracting(Reply::status).isEqualTo(400);
    assertThat(as(WECHAT, back + "&code=" + "c".repeat(200), cookie))
        .extracting(Reply::status)
        .isEqualTo(400);
    Reply unknown = as(WECHAT, back + "&code=never-issued", cookie);
    assertThat(unknown.status()).as(answered(unknown)).isEqualTo(422);

    // WeChat Pay not answering the Native prepay: a 503 page, not a stack trace.
    fault(
        "{\"gateway\":[{\"kind\":\"system_error\","
            + "\"methods\":[\"wechatpay.transactions.native\"],\"count\":1}]}");
    try {
      Reply down = as(DESKTOP, "/checkout/" + out + "/wechat-qr");
      assertThat(down.status()).as(answered(down)).isEqualTo(503);
      assertThat(down.body()).contains("CHANNEL_UNAVAILABLE");
    } finally {
      clearSandboxFaults();
    }
    assertThat(payment(out).get("status").asString()).isEqualTo("PENDING");
  }

  @Test
  void aDesktopBuyerMayPickWechatsCodeInsteadAndPaysThatOnce() throws Exception {
    String out = anyPayment("1.30");
    BigDecimal alipayBefore = buyerBalance();
    Reply alipay = as(DESKTOP, "/checkout/" + out);
    assertThat(alipay.body()).contains("id=\"wechat-qr\"").contains("支付宝");

    Reply wechat = as(DESKTOP, "/checkout/" + out + "/wechat-qr");
    assertThat(wechat.status()).as(wechat.body()).isEqualTo(200);
    assertThat(wechat.body()).contains("微信支付").contains("id=\"alipay-qr\"");
    assertThat(qrText(wechat.body())).startsWith("weixin://");
    JsonNode opened = payment(out);
    assertThat(opened.get("channel").asString()).isEqualTo("wechatpay");
    assertThat(opened.get("way").asString()).isEqualTo("qr");

    // The payer scans it in WeChat and pays.
    JsonNode payer = wechatPayer(wechatAppid());
    long before = payer.get("balance").asLong();
    Reply paid = wechatPays(payer, out, null);
    assertThat(paid.status()).as(paid.body()).isEqualTo(200);
    assertThat(payment(out).get("status").asString()).isEqualTo("PAID");
    assertThat(before - wechatPayer(wechatAppid()).get("balance").asLong()).isEqualTo(130);
    assertThat(buyerBalance()).isEqualByComparingTo(alipayBefore);
    assertThat(succeeded(out)).isEqualTo(1);
  }

  /** A WeChat Pay payment of that product, created through the API. */
  private Reply wechatPayment(String amount, String product) {
    Reply created =
        api(
            "POST",
            "/api/v1/payments",
            Map.of(
                "total_amount",
                amount,
                "subject",
                "茶 tea",
                "product",
                product,
                "channel",
                "wechatpay"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created;
  }

  private String wechatAppid() {
    return wechatMerchant().get("appid").asString();
  }

  @Test
  void aWechatPayJsapiPaymentOpenedInWechatGetsItsJsapiPageAndElsewhereItsOrder() {
    JsonNode payer = wechatPayer(wechatAppid());
    Reply created =
        api(
            "POST",
            "/api/v1/payments",
            Map.of(
                "total_amount",
                "0.70",
                "subject",
                "茶 tea",
                "product",
                "jsapi",
                "channel",
                "wechatpay",
                "openid",
                payer.get("openid").asString()));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String out = created.json().get("out_trade_no").asString();

    Reply inWechat = as(WECHAT, "/checkout/" + out);
    assertThat(inWechat.status()).as(inWechat.body()).isEqualTo(200);
    Matcher params = PAY_PARAMS.matcher(inWechat.body());
    assertThat(params.find()).as(inWechat.body()).isTrue();
    assertThat(params.group(1))
        .contains(created.json().get("checkout").get("prepay_id").asString());

    Reply link = get("/pay/" + out);
    assertThat(link.status()).as(link.body()).isEqualTo(200);
    assertThat(link.body()).contains("id=\"in-app\"");
  }

  @Test
  void theBuyersLinkOfAWechatPayPaymentShowsItsCodeOrGoesToItsH5Page() {
    Reply nativePay = wechatPayment("0.90", "native");
    Reply qrPage = get("/pay/" + nativePay.json().get("out_trade_no").asString());
    assertThat(qrPage.status()).as(qrPage.body()).isEqualTo(200);
    assertThat(qrPage.body()).contains("微信扫码支付").contains("data:image/png;base64,");

    Reply h5 = wechatPayment("0.80", "h5");
    Reply toH5 = get("/pay/" + h5.json().get("out_trade_no").asString());
    assertThat(toH5.status()).as(toH5.body()).isEqualTo(302);
    // The same order at WeChat Pay (its H5 address carries a fresh package each time it is asked).
    String created = h5.json().get("checkout").get("url").asString();
    assertThat(toH5.header("Location"))
        .startsWith(base() + "/sandbox/wechatpay/")
        .startsWith(created.substring(0, created.indexOf("&package=")));
  }
}
