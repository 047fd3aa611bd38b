package io.paygate.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.server.ConsoleSession;
import io.paygate.server.SharedServerTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The console's doors, over real HTTP: who gets in, what each role may do, and the browser-side
 * protections (CSRF, session handling, headers) a person's session relies on.
 */
class ConsoleAccessTest extends SharedServerTest {

  @Test
  void withoutALoginOnlyTheBuyersPagesAnswer() {
    for (String path : new String[] {"/", "/payments/ANY", "/operators", "/pages/query"}) {
      Reply reply = get(path);
      assertThat(reply.status()).as(path).isEqualTo(302);
      assertThat(reply.header("Location")).as(path).endsWith("/login");
    }
    String outTradeNo = createPayment("1.00", "page");
    assertThat(get("/pay/" + outTradeNo).status()).isEqualTo(200);
    // The one cashier too, and only its own paths beside it.
    String any = createPayment("1.00", "any");
    assertThat(get("/checkout/" + any).status()).isEqualTo(200);
    assertThat(get("/checkout/" + any + "/page").status()).isEqualTo(200);
    assertThat(get("/checkout/" + any + "/page/more").status()).isEqualTo(302);
    assertThat(get("/login").status()).isEqualTo(200);
    assertThat(get("/paygate.css").status()).isEqualTo(200);
    assertThat(get("/favicon.ico").status()).isEqualTo(200);
  }

  @Test
  void staticAssetsHaveVersionedNamesAndAreCachedForAYear() {
    Reply login = get("/login");
    java.util.regex.Matcher css =
        java.util.regex.Pattern.compile("href=\"(/paygate-[0-9a-f]{32}\\.css)\"")
            .matcher(login.body());
    assertThat(css.find()).as(login.body()).isTrue();
    for (String asset : new String[] {css.group(1), "/favicon.ico"}) {
      Reply reply = get(asset);
      assertThat(reply.status()).as(asset).isEqualTo(200);
      assertThat(reply.header("Cache-Control"))
          .as(asset)
          .contains("max-age=31536000")
          .doesNotContain("no-store");
    }
    // Pages stay uncached: they carry state and tokens.
    assertThat(login.header("Cache-Control")).contains("no-store");
  }

  @Test
  void pagesForbidFramingAndInlineScriptAndSendNoHstsOverPlainHttp() {
    Reply login = get("/login");
    assertThat(login.header("Content-Security-Policy"))
        .contains("script-src 'self'")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-inline");
    assertThat(login.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(login.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(login.header("Strict-Transport-Security")).isNull();
    // The pay page keeps to the policy: the SDK's inline submit script is replaced by a file.
    Reply pay = get("/pay/" + createPayment("1.00", "page"));
    // ... and its hidden submit button's inline style is taken out too.
    assertThat(pay.body())
        .doesNotContain("<script>")
        .doesNotContain("style=")
        .containsPattern("<script src=\"/js/pay-[0-9a-f]{32}\\.js\">");
    assertThat(pay.header("Content-Security-Policy")).contains("script-src 'self'");
  }

  @Test
  void aLoginGivesANewSessionKeptOnlyInACookie() {
    ConsoleSession person = anonymousSession();
    String token = person.csrf("/login");
    String before = person.sessionId();
    ConsoleSession.Page after =
        person.post(
            "/login", Map.of("username", "admin", "password", ADMIN_PASSWORD, "_csrf", token));
    assertThat(after.status()).isEqualTo(302);
    assertThat(after.location()).doesNotContain("error").doesNotContainIgnoringCase("jsessionid");
    assertThat(person.sessionId()).isNotNull().isNotEqualTo(before);
    assertThat(after.header("Set-Cookie")).contains("HttpOnly");
    ConsoleSession.Page index = person.get("/");
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.body()).doesNotContainIgnoringCase("jsessionid").contains("退出 Log out");
  }

  @Test
  void wrongPasswordsLockTheAccountForAWhileEvenForTheRightOne() {
    String username = "locked-" + UUID.randomUUID();
    String password = "right-password-" + UUID.randomUUID();
    logInAsAdmin()
        .submit(
            "/operators",
            "/operators",
            Map.of("username", username, "password", password, "role", "VIEWER"));
    for (int i = 0; i < 5; i++) {
      ConsoleSession.Page wrong = anonymousSession().logInAs(username, "wrong-" + i);
      assertThat(wrong.location()).endsWith("/login?error");
    }
    ConsoleSession person = anonymousSession();
    ConsoleSession.Page right = person.logInAs(username, password);
    assertThat(right.location()).endsWith("/login?error");
    assertThat(person.get("/login?error").body()).contains("login-locked");
    assertThat(person.get("/").status()).isEqualTo(302);
  }

  @Test
  void aViewerReadsAPaymentButCannotRefundIt() {
    String outTradeNo = paidPayment("20.00");
    ConsoleSession viewer = operatorWithRole("VIEWER");

    ConsoleSession.Page page = viewer.get("/payments/" + outTradeNo);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains(outTradeNo).doesNotContain("id=\"refund_amount\"");

    ConsoleSession.Page refund =
        viewer.submit(
            "/payments/" + outTradeNo,
            "/payments/" + outTradeNo + "/refunds",
            Map.of("refundAmount", "1.00"));
    assertThat(refund.status()).isEqualTo(403);
    assertThat(viewer.get("/operators").status()).isEqualTo(403);
    assertThat(payment(outTradeNo).get("refunded_amount").asString()).isEqualTo("0.00");
    // Asking Alipay spends the merchant's quota and writes: an operator's, not a viewer's.
    assertThat(page.body()).doesNotContain("id=\"sync\"");
    assertThat(viewer.get("/pages/query?out_trade_no=" + outTradeNo).status()).isEqualTo(403);
    ConsoleSession.Page sync =
        viewer.submit("/payments/" + outTradeNo, "/payments/" + outTradeNo + "/sync", Map.of());
    assertThat(sync.status()).isEqualTo(403);
  }

  @Test
  void anOperatorAsksAlipayFromThePaymentPage() {
    String outTradeNo = paidPayment("3.00");
    ConsoleSession operator = operatorWithRole("OPERATOR");
    ConsoleSession.Page sync =
        operator.submit("/payments/" + outTradeNo, "/payments/" + outTradeNo + "/sync", Map.of());
    assertThat(sync.status()).isEqualTo(302);
    assertThat(sync.location()).endsWith("/payments/" + outTradeNo);
    ConsoleSession.Page after = operator.get("/payments/" + outTradeNo);
    assertThat(after.body()).contains("已向支付宝查询 Asked Alipay: 已支付 PAID");
    // The query went out and is on the timeline.
    assertThat(after.body()).contains("调用支付宝 Call queryTrade");
  }

  @Test
  void anOperatorRefundsWithTheFormsTokenAndNeverWithoutIt() {
    String outTradeNo = paidPayment("20.00");
    ConsoleSession operator = operatorWithRole("OPERATOR");

    ConsoleSession.Page forged =
        operator.post("/payments/" + outTradeNo + "/refunds", Map.of("refundAmount", "1.00"));
    assertThat(forged.status()).isEqualTo(403);
    assertThat(payment(outTradeNo).get("refunded_amount").asString()).isEqualTo("0.00");

    ConsoleSession.Page refund =
        operator.submit(
            "/payments/" + outTradeNo,
            "/payments/" + outTradeNo + "/refunds",
            Map.of("refundAmount", "1.00"));
    assertThat(refund.status()).isEqualTo(302);
    assertThat(payment(outTradeNo).get("refunded_amount").asString()).isEqualTo("1.00");
    assertThat(operator.get("/operators").status()).isEqualTo(403);
  }

  @Test
  void theLastAdminCannotBeRemovedNorAnAdminChangeThemself() {
    ConsoleSession admin = logInAsAdmin();
    ConsoleSession.Page self = admin.submit("/operators", "/operators/admin/delete", Map.of());
    assertThat(self.status()).isEqualTo(302);
    assertThat(admin.get("/operators").body()).contains("admin").contains("不能更改自己的账户");
  }

  @Test
  void metricsNeedAnAdminHealthDoesNot() {
    assertThat(get("/actuator/health").status()).isEqualTo(200);
    assertThat(get("/actuator/prometheus").status()).isEqualTo(401);
    assertThat(prometheus("admin", ADMIN_PASSWORD).status()).isEqualTo(200);
    assertThat(prometheus("admin", ADMIN_PASSWORD).body()).contains("paygate_");
    assertThat(prometheus("admin", "wrong").status()).isEqualTo(401);
  }
}
