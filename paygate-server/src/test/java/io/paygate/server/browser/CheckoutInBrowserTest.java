package io.paygate.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.paygate.server.ServerTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The one cashier, {@code /checkout/{no}}, in a real (headless) browser that says it is a desktop
 * browser, a phone, or the Alipay app (its User-Agent): each takes its way to PAID for one {@code
 * product: any} payment, with one charge, and our pages log no error in the console.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class CheckoutInBrowserTest extends ServerTestSupport {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private static final String DESKTOP =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0"
          + " Safari/537.36";
  private static final String PHONE =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
  private static final String ALIPAY_APP =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Mobile/15E148 Nebula AliApp(AP/10.5.30) AlipayClient/10.5.30 Language/zh-Hans";

  private static final String WECHAT =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI"
          + " Language/zh_CN";

  /**
   * WeChat's WeixinJSBridge as the page meets it: ready a moment after the page loads (announced by
   * WeixinJSBridgeReady), keeping what getBrandWCPayRequest was handed for the test to pay with.
   */
  private static final String WEIXIN_JS_BRIDGE =
      """
      document.addEventListener("DOMContentLoaded", function () {
        setTimeout(function () {
          window.WeixinJSBridge = {
            invoke: function (name, params, done) {
              window.wxInvoked = { name: name, params: params };
              done({ err_msg: "get_brand_wcpay_request:ok" });
            }
          };
          document.dispatchEvent(new Event("WeixinJSBridgeReady"));
        }, 50);
      });
      """;

  private static Path profile;
  private static ChromeDriver browser;

  private String testName;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    serverProperties(registry, "browser");
  }

  @BeforeAll
  static void openBrowser() throws IOException {
    HeadlessChromium.requireInstalled();
    profile = Files.createTempDirectory("paygate-chromium-");
    browser = HeadlessChromium.start(profile);
  }

  @AfterAll
  static void closeBrowser() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  @BeforeEach
  void freshBrowser(TestInfo test) {
    testName = test.getTestMethod().orElseThrow().getName();
    browser.manage().deleteAllCookies();
    HeadlessChromium.consoleErrors(browser);
  }

  @AfterEach
  void ourPagesLoggedNoErrors() {
    assertThat(HeadlessChromium.consoleErrors(browser)).as("the console of our pages").isEmpty();
  }

  @Test
  void aDesktopBrowserShowsTheQrCodeAndTheScanPaysIt() {
    String out = anyPayment("6.60");
    BuyerSeen buyer = new BuyerSeen();
    actAs(DESKTOP);
    browser.get(base() + "/checkout/" + out);
    WebElement qr = waitFor(visibilityOfElementLocated(By.id("qr")), "the QR code");
    waitFor(
        driver ->
            (Boolean)
                browser.executeScript(
                    "return arguments[0].complete && arguments[0].naturalWidth > 0", qr),
        "the QR code's image");
    assertThat(browser.findElement(By.id("page-cashier")).getText()).contains("收银台");
    assertThat(browser.findElement(By.id("amount")).getText()).isEqualTo("6.60");
    screenshot("desktop");

    // The buyer's phone scans the code and pays; the page sees it by itself.
    postJson("/sandbox/api/buyer/scan", buyer.does("out_trade_no", out));
    assertThat(postJson("/sandbox/api/buyer/pay", buyer.does("out_trade_no", out)).status())
        .isEqualTo(200);
    waitFor(textToBe(By.id("status"), "已支付 PAID"), "PAID on the cashier");
    assertThat(browser.findElements(By.id("qr"))).isEmpty();
    screenshot("desktop-paid");
    buyer.paidOnce(out, "6.60", "qr");
  }

  @Test
  void aPhoneBrowserGoesOnToTheWapCashierAndPaysThere() {
    String out = anyPayment("5.50");
    BuyerSeen buyer = new BuyerSeen();
    actAs(PHONE);
    browser.get(base() + "/checkout/" + out);
    waitFor(urlContains("/sandbox/cashier/"), "the wap cashier");
    WebElement form = waitFor(visibilityOfElementLocated(By.cssSelector("form.pay")), "its form");
    screenshot("phone-cashier");
    form.findElement(By.name("logon_id")).clear();
    form.findElement(By.name("logon_id")).sendKeys(buyer.logonId);
    form.findElement(By.name("pay_password")).sendKeys(buyer.password);
    form.findElement(By.cssSelector("button[type=submit]")).click();
    // Paid: the cashier says so, or sends the browser back to the shop.
    waitFor(
        ExpectedConditions.or(
            visibilityOfElementLocated(By.id("trade-no")), urlContains("/alipay/return")),
        "the paid page");
    screenshot("phone-paid");
    buyer.paidOnce(out, "5.50", "wap");
  }

  @Test
  void insideTheAlipayAppTheBuyerSignsInAndPaysByJsapi() {
    String out = anyPayment("4.40");
    BuyerSeen buyer = new BuyerSeen();
    actAs(ALIPAY_APP);
    browser.get(base() + "/checkout/" + out);
    // The sandbox plays the Alipay app's sign-in: the buyer signed in to the app agrees.
    waitFor(urlContains("/sandbox/oauth2/publicAppAuthorize.htm"), "Alipay's sign-in page");
    screenshot("alipay-sign-in");
    browser.findElement(By.id("authorize")).click();
    WebElement jsapi =
        waitFor(visibilityOfElementLocated(By.id("jsapi-way")), "the JSAPI pay page");
    assertThat(browser.getCurrentUrl()).endsWith("/checkout/" + out + "/jsapi");
    String tradeNo = jsapi.getDomAttribute("data-trade-no");
    assertThat(tradeNo).matches("\\d+");
    screenshot("jsapi");

    // my.tradePay, as the sandbox plays it: the page then sees the payment by itself.
    assertThat(postJson("/sandbox/api/buyer/pay", buyer.does("trade_no", tradeNo)).status())
        .isEqualTo(200);
    waitFor(textToBe(By.id("status"), "已支付 PAID"), "PAID on the JSAPI page");
    buyer.paidOnce(out, "4.40", "jsapi");
  }

  @Test
  void insideWechatTheBuyerSignsInByWechatAndPaysByWechatJsapiWithOneCharge() {
    String out = anyPayment("3.30");
    BuyerSeen alipayBuyer = new BuyerSeen();
    actAs(WECHAT);
    @SuppressWarnings("unchecked")
    Map<String, Object> bridge =
        (Map<String, Object>)
            (Map<?, ?>)
                browser.executeCdpCommand(
                    "Page.addScriptToEvaluateOnNewDocument", Map.of("source", WEIXIN_JS_BRIDGE));
    try {
      // WeChat's silent sign-in (snsapi_base) at the offline WeChat Pay, and back with the code.
      browser.get(base() + "/checkout/" + out);
      waitFor(visibilityOfElementLocated(By.id("wxpay-way")), "the WeChat JSAPI page");
      // The browser keeps WeChat's #wechat_redirect fragment across the redirects, as WeChat's
      // does.
      assertThat(browser.getCurrentUrl()).contains("/checkout/" + out + "/jsapi");
      @SuppressWarnings("unchecked")
      Map<String, Object> invoked =
          (Map<String, Object>)
              waitFor(
                  driver -> browser.executeScript("return window.wxInvoked || null;"),
                  "getBrandWCPayRequest invoked by the page");
      assertThat(invoked.get("name")).isEqualTo("getBrandWCPayRequest");
      @SuppressWarnings("unchecked")
      Map<String, String> payParams = (Map<String, String>) invoked.get("params");
      assertThat(payParams)
          .containsKeys("appId", "timeStamp", "nonceStr", "package", "signType", "paySign");
      assertThat(payParams.get("package")).startsWith("prepay_id=");
      screenshot("wechat-jsapi");

      // The payer confirms in WeChat: the offline WeChat Pay takes the very package the page held.
      JsonNode payer = wechatPayer(payParams.get("appId"));
      long before = payer.get("balance").asLong();
      Reply paid = wechatPays(payer, out, payParams);
      assertThat(paid.status()).as(paid.body()).isEqualTo(200);
      waitFor(textToBe(By.id("status"), "已支付 PAID"), "PAID on the WeChat JSAPI page");
      screenshot("wechat-paid");

      JsonNode payment = payment(out);
      assertThat(payment.get("status").asString()).isEqualTo("PAID");
      assertThat(payment.get("product").asString()).isEqualTo("any");
      assertThat(payment.get("way").asString()).isEqualTo("jsapi");
      assertThat(payment.get("channel").asString()).isEqualTo("wechatpay");
      // One charge across both: the WeChat payer paid it, the Alipay buyer paid nothing.
      assertThat(before - wechatPayer(payParams.get("appId")).get("balance").asLong())
          .isEqualTo(330);
      assertThat(alipayBuyer.before).isEqualByComparingTo(buyerBalance());
    } finally {
      browser.executeCdpCommand(
          "Page.removeScriptToEvaluateOnNewDocument",
          Map.of("identifier", bridge.get("identifier")));
    }
  }

  /** The sandbox's default buyer, and their balance before the test paid. */
  private final class BuyerSeen {
    final String logonId;
    final String password;
    final java.math.BigDecimal before;

    BuyerSeen() {
      JsonNode buyer = defaultBuyer();
      logonId = buyer.get("logon_id").asString();
      password = buyer.get("pay_password").asString();
      before = buyerBalance();
    }

    Map<String, String> does(String key, String value) {
      return Map.of(
          "app_id", appId(), key, value, "buyer_logon_id", logonId, "pay_password", password);
    }

    void paidOnce(String out, String amount, String way) {
      JsonNode payment = payment(out);
      assertThat(payment.get("status").asString()).isEqualTo("PAID");
      assertThat(payment.get("product").asString()).isEqualTo("any");
      assertThat(payment.get("way").asString()).isEqualTo(way);
      assertThat(before.subtract(buyerBalance())).isEqualByComparingTo(amount);
    }
  }

  private String anyPayment(String amount) {
    String out = "BANY" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    Reply created = createAnyPayment(out, amount);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return out;
  }

  private static void actAs(String userAgent) {
    browser.executeCdpCommand("Network.enable", Map.of());
    browser.executeCdpCommand("Network.setUserAgentOverride", Map.of("userAgent", userAgent));
  }

  private <T> T waitFor(ExpectedCondition<T> condition, String what) {
    return new WebDriverWait(browser, PATIENCE)
        .ignoring(StaleElementReferenceException.class)
        .withMessage(() -> what + "; the browser is at " + browser.getCurrentUrl())
        .until(condition);
  }

  private void screenshot(String page) {
    HeadlessChromium.screenshot(browser, SCREENSHOTS.resolve(testName + "-" + page + ".png"));
  }
}
