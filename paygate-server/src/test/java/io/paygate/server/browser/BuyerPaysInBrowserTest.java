package io.paygate.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.paygate.server.SharedServerTest;
import io.paygate.server.access.Role;
import io.paygate.server.operators.OperatorAccounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The console and the cashier in a real (headless) browser: a buyer pays through the sandbox
 * cashier; an operator logs in, finds the payment, refunds part of it and sees its timeline grow; a
 * viewer cannot refund; a form without its CSRF token is refused; the console needs a login. What a
 * person does goes through the browser; the API sets up orders and checks the server agrees.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver}; see {@link HeadlessChromium}.
 * Screenshots of each page land in {@code target/screenshots/}.
 */
class BuyerPaysInBrowserTest extends SharedServerTest {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private static Path profile;
  private static ChromeDriver browser;

  private String testName;

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

  @Autowired private OperatorAccounts operators;

  @BeforeEach
  void freshBrowser(TestInfo test) {
    testName = test.getTestMethod().orElseThrow().getName();
    // Each test starts as someone who has not logged in.
    browser.manage().deleteAllCookies();
    HeadlessChromium.consoleErrors(browser); // what earlier tests left in the log
  }

  /** A refusal a test asks for on purpose (a 400 or 403 page): its console line is expected. */
  private final List<String> refusedOnPurpose = new java.util.ArrayList<>();

  @AfterEach
  void ourPagesLoggedNoErrors() {
    assertThat(HeadlessChromium.consoleErrors(browser))
        .as("the console of our pages")
        .filteredOn(
            line ->
                refusedOnPurpose.stream()
                    .noneMatch(
                        path ->
                            line.contains(
                                path + " - Failed to load resource: the server responded")))
        .isEmpty();
    refusedOnPurpose.clear();
  }

  @Test
  void aBuyerPaysAtTheCashierThenAnOperatorFindsThePaymentAndRefundsPart() {
    JsonNode buyer = defaultBuyer();
    String subject = "浏览器测试商品 Browser test item";
    Reply created =
        api(
            "POST",
            "/api/v1/payments",
            Map.of("total_amount", "12.34", "subject", subject, "product", "page"));
    assertThat(created.status()).isEqualTo(201);
    String outTradeNo = created.json().get("out_trade_no").asString();

    // The buyer, who has no login, follows the shop's link to the cashier.
    browser.get(base() + "/pay/" + outTradeNo);
    waitFor(urlContains("/sandbox/cashier/"), "the sandbox cashier");
    waitFor(visibilityOfElementLocated(By.id("subject")), "the order on the cashier");
    assertThat(text(By.id("subject"))).isEqualTo(subject);
    assertThat(text(By.id("amount"))).isEqualTo("¥ 12.34");
    WebElement qr = browser.findElement(By.cssSelector("img[src*='/qr.png']"));
    waitFor(
        driver ->
            (Boolean)
                browser.executeScript(
                    "return arguments[0].complete && arguments[0].naturalWidth > 0", qr),
        "the cashier's QR code image to load");
    screenshot("cashier");

    logInAndPay(buyer.get("logon_id").asString(), buyer.get("pay_password").asString());

    // The cashier sends the browser back to the merchant's return page.
    waitFor(urlContains("/alipay/return"), "the return page");
    waitFor(textToBePresentInElementLocated(By.tagName("h1"), "支付成功"), "支付成功 on the return page");
    assertThat(text(By.id("status"))).isEqualTo("已支付 PAID");
    assertThat(pageText()).contains(outTradeNo).contains(subject).contains("12.34 元");
    // The buyer is not an operator: no way into the console from here.
    assertThat(browser.findElements(By.partialLinkText("View the payment"))).isEmpty();
    screenshot("return");

    // An operator logs in, finds the payment by search and opens it.
    browser.manage().deleteAllCookies();
    logInInTheBrowser(Role.OPERATOR);
    waitFor(visibilityOfElementLocated(By.id("dashboard")), "the dashboard");
    waitFor(
        driver ->
            "true".equals(driver.findElement(By.id("daily-chart")).getDomAttribute("data-drawn")),
        "the dashboard's chart");
    screenshot("dashboard");
    browser.findElement(By.id("nav-payments")).click();
    waitFor(visibilityOfElementLocated(By.id("search")), "the search form");
    fill(By.id("number"), outTradeNo);
    browser.findElement(By.id("search")).click();
    waitFor(urlContains("number=" + outTradeNo), "the search's results");
    List<WebElement> rows = browser.findElements(By.xpath("//table[@id='found']//tr[td/a]"));
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getText()).contains("12.34 元").contains("已支付 PAID");
    rows.get(0).findElement(By.linkText(outTradeNo)).click();

    waitFor(urlToBe(base() + "/payments/" + outTradeNo), "the payment page");
    waitFor(textToBe(By.id("status"), "已支付 PAID"), "status 已支付 PAID on the payment page");
    assertThat(text(By.id("total_amount"))).isEqualTo("12.34 元");
    assertThat(pageText()).contains(subject);
    // Alipay reports the buyer's logon id masked, as buy***@example.com.
    String logonId = buyer.get("logon_id").asString();
    assertThat(text(By.xpath("//tr[th[contains(., 'Buyer')]]/td")))
        .contains("***")
        .endsWith(logonId.substring(logonId.indexOf('@')));
    assertThat(timeline()).startsWith("created", "cashier").contains("notify", "paid");
    assertThat(text(By.id("timeline"))).contains("支付宝通知 Notify").contains("applied");
    screenshot("payment-paid");

    // More than is left is refused at the field, after the person confirmed it.
    refusedOnPurpose.add("/payments/" + outTradeNo + "/refunds");
    fill(By.id("refund_amount"), "99.00");
    browser.findElement(By.id("refund")).click();
    confirm("99.00");
    waitFor(presenceOfElementLocated(By.cssSelector("#refund_amount.invalid")), "the field error");
    assertThat(text(By.cssSelector(".field-error"))).contains("最多还可退 12.34 元");

    int before = timeline().size();
    fill(By.id("refund_amount"), "2.00");
    fill(By.id("refund_reason"), "退货 Returned one item");
    browser.findElement(By.id("refund")).click();
    confirm("2.00");

    waitFor(
        textToBe(By.id("status"), "部分退款 PARTIALLY_REFUNDED"),
        "status 部分退款 PARTIALLY_REFUNDED on the payment page");
    assertThat(text(By.cssSelector(".notice"))).contains("退款成功 SUCCEEDED");
    assertThat(text(By.id("refunded_amount"))).isEqualTo("2.00 元");
    List<WebElement> refunds =
        browser.findElements(By.xpath("//section[h2[contains(., 'Refunds')]]//tr[td/span]"));
    assertThat(refunds).hasSize(1);
    assertThat(refunds.get(0).getText())
        .contains("2.00 元")
        .contains("退款成功 SUCCEEDED")
        .contains("退货 Returned one item");
    // The timeline grew by the refund: asked, the call to Alipay, and its success, in that order.
    List<String> after = timeline();
    assertThat(after).hasSizeGreaterThanOrEqualTo(before + 3);
    List<String> added = after.subList(before, after.size());
    assertThat(added.stream().filter(kind -> !kind.equals("webhook")))
        .startsWith("refund-asked")
        .endsWith("refund");
    // The shop was told too: the refund's webhook event is on the timeline.
    assertThat(added).contains("webhook");
    assertThat(browser.findElements(By.cssSelector(".error"))).isEmpty();
    screenshot("payment-timeline");

    // The server agrees with what the page showed, Chinese subject included.
    JsonNode payment = payment(outTradeNo);
    assertThat(payment.get("status").asString()).isEqualTo("PARTIALLY_REFUNDED");
    assertThat(payment.get("refunded_amount").asString()).isEqualTo("2.00");
    assertThat(payment.get("subject").asString()).isEqualTo(subject);
  }

  @Test
  void aViewerSeesThePaymentButCannotRefundAndAFormWithoutItsCsrfTokenIsRefused() {
    String outTradeNo = paidPayment("6.00");
    logInInTheBrowser(Role.VIEWER);
    browser.get(base() + "/payments/" + outTradeNo);
    waitFor(textToBe(By.id("status"), "已支付 PAID"), "the payment page");
    assertThat(browser.findElements(By.id("refund"))).isEmpty();
    assertThat(browser.findElements(By.id("pay"))).isEmpty();
    screenshot("viewer");

    // An operator's refund form, stripped of its token as a forged cross-site post would be.
    browser.manage().deleteAllCookies();
    logInInTheBrowser(Role.OPERATOR);
    browser.get(base() + "/payments/" + outTradeNo);
    waitFor(visibilityOfElementLocated(By.id("refund")), "the refund form");
    browser.executeScript(
        "document.querySelectorAll('input[name=_csrf]').forEach(function (e) { e.remove(); });"
            + " document.querySelectorAll('form[data-confirm]').forEach(function (f) {"
            + " f.removeAttribute('data-confirm'); });");
    fill(By.id("refund_amount"), "1.00");
    refusedOnPurpose.add("/payments/" + outTradeNo + "/refunds");
    browser.findElement(By.id("refund")).click();
    waitFor(
        textToBePresentInElementLocated(By.tagName("main"), "Your role may not do this"),
        "the refusal");
    assertThat(responseStatus()).isEqualTo(403);
    assertThat(payment(outTradeNo).get("refunded_amount").asString()).isEqualTo("0.00");
    screenshot("csrf-refused");
  }

  @Test
  void withoutALoginTheConsoleSendsThePersonToTheLoginPage() {
    browser.get(base() + "/");
    waitFor(urlToBe(base() + "/login"), "the login page");
    assertThat(browser.findElements(By.id("pay"))).isEmpty();
    fill(By.id("username"), "admin");
    fill(By.id("password"), "not-the-password");
    browser.findElement(By.id("login")).click();
    waitFor(visibilityOfElementLocated(By.id("login-error")), "the login error");
    assertThat(browser.getCurrentUrl()).contains("/login");
    screenshot("login");
  }

  @Test
  void aWrongPayPasswordIsToldOnTheCashierAndTheRightOneThenPays() {
    JsonNode buyer = defaultBuyer();
    String outTradeNo = payFromTheIndexUpToTheCashier("密码错误测试 Wrong password", "3.21");

    logInAndPay(buyer.get("logon_id").asString(), "not-" + buyer.get("pay_password").asString());

    waitFor(
        textToBePresentInElementLocated(By.id("error"), "支付密码错误"),
        "the wrong-password message on the cashier");
    assertThat(text(By.id("error"))).contains("Wrong pay password");
    assertThat(browser.getCurrentUrl()).contains("/sandbox/cashier/");
    assertThat(browser.findElement(By.name("pay_password")).getAttribute("value")).isEmpty();
    screenshot("cashier-wrong-password");
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PENDING");

    logInAndPay(buyer.get("logon_id").asString(), buyer.get("pay_password").asString());
    waitFor(urlContains("/alipay/return"), "the return page after the right password");
    waitFor(textToBe(By.id("status"), "已支付 PAID"), "status PAID on the return page");
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PAID");
  }

  @Test
  void aBadAmountInThePayFormIsShownAtTheFieldWithoutAStackTrace() {
    String subject = "金额有误 Bad amount";
    logInInTheBrowser(Role.OPERATOR);
    browser.get(base() + "/");
    waitFor(visibilityOfElementLocated(By.id("pay")), "the index's pay form");
    fill(By.id("subject"), subject);
    fill(By.id("total_amount"), "12.345");
    refusedOnPurpose.add("/pages/pay");
    browser.findElement(By.id("pay")).click();

    By fieldError = By.xpath("//input[@id='total_amount']/following-sibling::*[1]");
    waitFor(presenceOfElementLocated(By.cssSelector("#total_amount.invalid")), "the field error");
    assertThat(browser.findElement(fieldError).getAttribute("class")).isEqualTo("field-error");
    assertThat(text(fieldError)).contains("total_amount").contains("at most two decimals");
    assertThat(responseStatus()).isEqualTo(400);
    assertThat(browser.getCurrentUrl()).isEqualTo(base() + "/pages/pay");
    // What was typed is still there to correct.
    assertThat(browser.findElement(By.id("total_amount")).getAttribute("value"))
        .isEqualTo("12.345");
    assertThat(browser.findElement(By.id("subject")).getAttribute("value")).isEqualTo(subject);
    String source = browser.getPageSource();
    assertThat(source).doesNotContain("Exception").doesNotContain("at io.paygate");
    assertThat(source).doesNotContain("Whitelabel");
    // Nothing was created: the recent payments do not list it.
    assertThat(text(By.xpath("//section[h2[contains(., 'Recent payments')]]")))
        .doesNotContain(subject);
    screenshot("index-bad-amount");
  }

  /** Types an order into the index's pay form and follows the browser up to the cashier. */
  private String payFromTheIndexUpToTheCashier(String subject, String amount) {
    logInInTheBrowser(Role.OPERATOR);
    browser.get(base() + "/");
    waitFor(visibilityOfElementLocated(By.id("pay")), "the index's pay form");
    fill(By.id("subject"), subject);
    fill(By.id("total_amount"), amount);
    new Select(browser.findElement(By.id("product"))).selectByValue("page");
    screenshot("index");
    browser.findElement(By.id("pay")).click();

    // /pay/{no} holds the signed Alipay form, which submits itself to the sandbox's gateway.
    waitFor(urlContains("/sandbox/cashier/"), "the sandbox cashier");
    waitFor(visibilityOfElementLocated(By.id("subject")), "the order on the cashier");
    assertThat(text(By.id("subject"))).isEqualTo(subject);
    return text(By.id("out-trade-no"));
  }

  /** A new operator with the role, logged in through the login page; returns the user name. */
  private String logInInTheBrowser(Role role) {
    String username = role.name().toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID();
    String password = "pw-" + UUID.randomUUID();
    assertThat(operators.create(username, password, role)).isTrue();
    browser.get(base() + "/login");
    waitFor(visibilityOfElementLocated(By.id("login")), "the login page");
    fill(By.id("username"), username);
    fill(By.id("password"), password);
    browser.findElement(By.id("login")).click();
    waitFor(
        textToBePresentInElementLocated(By.tagName("header"), username), "the user in the header");
    return username;
  }

  /** The kinds of the payment page's timeline entries, in the order shown. */
  private List<String> timeline() {
    return browser.findElements(By.cssSelector("#timeline li")).stream()
        .map(entry -> entry.getDomAttribute("data-kind"))
        .toList();
  }

  /** Accepts the confirmation a money-moving form asks for, checking it names the amount. */
  private void confirm(String amount) {
    Alert question = waitFor(ExpectedConditions.alertIsPresent(), "the confirmation");
    assertThat(question.getText()).contains(amount + " 元");
    question.accept();
  }

  private void logInAndPay(String logonId, String payPassword) {
    WebElement form = browser.findElement(By.cssSelector("form.pay"));
    fill(form.findElement(By.name("logon_id")), logonId);
    fill(form.findElement(By.name("pay_password")), payPassword);
    form.findElement(By.cssSelector("button[type=submit]")).click();
  }

  private void fill(By field, String value) {
    fill(browser.findElement(field), value);
  }

  private static void fill(WebElement field, String value) {
    field.clear();
    field.sendKeys(value);
  }

  private String text(By element) {
    return browser.findElement(element).getText().trim();
  }

  private String pageText() {
    return browser.findElement(By.tagName("body")).getText();
  }

  /** The HTTP status of the page now shown, as the browser received it. */
  private long responseStatus() {
    Object status =
        browser.executeScript(
            "return performance.getEntriesByType('navigation')[0].responseStatus");
    return ((Number) status).longValue();
  }

  private <T> T waitFor(ExpectedCondition<T> condition, String what) {
    return new WebDriverWait(browser, PATIENCE)
        .ignoring(StaleElementReferenceException.class)
        .withMessage(() -> what + "; the browser is at " + here())
        .until(condition);
  }

  private String here() {
    try {
      return browser.getCurrentUrl() + " showing:\n" + pageText();
    } catch (RuntimeException e) {
      return "(unreadable page: " + e + ")";
    }
  }

  private void screenshot(String page) {
    HeadlessChromium.screenshot(browser, SCREENSHOTS.resolve(testName + "-" + page + ".png"));
  }
}
