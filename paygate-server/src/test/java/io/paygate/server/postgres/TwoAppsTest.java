package io.paygate.server.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.alipay.AlipayChannel;
import io.paygate.alipay.settings.AlipaySettings;
import io.paygate.core.channel.CheckoutOutcome;
import io.paygate.core.channel.PayOrder;
import io.paygate.core.channel.Product;
import io.paygate.core.money.Money;
import io.paygate.server.NoExchanges;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import tools.jackson.databind.JsonNode;

/**
 * Two Alipay apps of one merchant in one PayGate over PostgreSQL: the sandbox's default app (from
 * the single-app properties) and a second app registered at the sandbox ({@code
 * paygate.alipay.apps.brand.*}, face-to-face only). Each payment belongs to its app and is paid,
 * notified and verified as that app's; a genuine notification of one app naming the other app's
 * payment changes nothing; an API key limited to one app sees only that app.
 *
 * <p>Instance "alipay" embeds the sandbox; instance "shop" is the merchant with both apps.
 */
// Own database, instances and clock: runs beside the other classes (junit-platform.properties);
// its own tests one after the other, on the instances they share.
@Execution(ExecutionMode.CONCURRENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoAppsTest extends ClusterTestSupport {

  private Instance alipay;
  private Instance shop;
  private JsonNode brand;
  private String brandPrivateKey;

  @BeforeAll
  void startTheSandboxAndAShopWithTwoApps() throws NoSuchAlgorithmException {
    createDatabase();
    alipay = startWithSandbox("alipay", null, List.of());
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    String publicKey = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    brandPrivateKey = Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded());
    Reply registered =
        on(
            alipay,
            () ->
                postJson(
                    "/sandbox/api/apps", Map.of("app_public_key", publicKey, "name", "brand")));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    brand = registered.json();
    List<String> args = new ArrayList<>(appArguments(alipay));
    String prefix = "--paygate.alipay.apps.brand.";
    args.add(prefix + "app-id=" + brand.get("app_id").asString());
    args.add(prefix + "private-key=" + brandPrivateKey);
    args.add(prefix + "app-public-key=" + publicKey);
    args.add(prefix + "alipay-public-key=" + brand.get("alipay_public_key").asString());
    args.add(prefix + "seller-id=" + brand.get("seller_id").asString());
    args.add(prefix + "gateway=" + alipay.base() + "/sandbox/gateway.do");
    args.add(prefix + "products=qr,barcode");
    shop = startAsShop(args);
  }

  private Instance startAsShop(List<String> args) {
    return startAsApp("shop", alipay, null, args.subList(appArguments(alipay).size(), args.size()));
  }

  @AfterAll
  void stopBoth() {
    for (Instance instance : new Instance[] {shop, alipay}) {
      if (instance != null) {
        instance.context().close();
      }
    }
    dropDatabase();
  }

  private String brandAppId() {
    return brand.get("app_id").asString();
  }

  private Reply buyerActs(String action, String appId, String outTradeNo) {
    JsonNode buyer = on(alipay, this::defaultBuyer);
    return on(
        alipay,
        () ->
            postJson(
                "/sandbox/api/buyer/" + action,
                Map.of(
                    "app_id",
                    appId,
                    "out_trade_no",
                    outTradeNo,
                    "buyer_logon_id",
                    buyer.get("logon_id").asString(),
                    "pay_password",
                    buyer.get("pay_password").asString())));
  }

  private JsonNode created(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json();
  }

  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  void eachAppsPaymentsArePaidAndToldAsThatAppsOnly() {
    on(
        shop,
        () -> {
          // The default app: a cashier payment, as ever.
          String page = createPayment("1.10", "page");
          assertThat(payment(page).get("app").asString()).isEqualTo("default");
          on(alipay, () -> submitPayForm(loadPayPageOn(shop, page)));
          assertThat(on(alipay, () -> payAsBuyer(page)).status()).isEqualTo(200);
          assertThat(payment(page).get("status").asString()).isEqualTo("PAID");

          // The brand app sells face-to-face only.
          Reply refused =
              api(
                  "POST",
                  "/api/v1/payments",
                  Map.of(
                      "total_amount", "1.00", "subject", "s", "product", "page", "app", "brand"));
          assertThat(refused.status()).isEqualTo(400);
          assertThat(refused.json().get("field").asString()).isEqualTo("product");
          Reply unknown =
              api(
                  "POST",
                  "/api/v1/payments",
                  Map.of("total_amount", "1.00", "subject", "s", "product", "qr", "app", "nope"));
          assertThat(unknown.status()).isEqualTo(400);
          assertThat(unknown.json().get("field").asString()).isEqualTo("app");

          JsonNode qr =
              created(
                  api(
                      "POST",
                      "/api/v1/payments",
                      Map.of(
                          "total_amount", "2.20",
                          "subject", "扫码 QR",
                          "product", "qr",
                          "app", "brand")));
          String brandNo = qr.get("out_trade_no").asString();
          assertThat(qr.get("app").asString()).isEqualTo("brand");
          assertThat(qr.get("qr_code").asString()).startsWith("http");
          // Alipay has the order under the brand app only.
          assertThat(buyerActs("scan", brandAppId(), brandNo).status()).isEqualTo(200);
          assertThat(buyerActs("pay", brandAppId(), brandNo).status()).isEqualTo(200);
          JsonNode paid = payment(brandNo);
          assertThat(paid.get("status").asString()).isEqualTo("PAID");
          assertThat(paid.get("app").asString()).isEqualTo("brand");
          // A sync asks the brand app, which has the trade.
          assertThat(
                  api("GET", "/api/v1/payments/" + brandNo + "?sync=true", null)
                      .json()
                      .get("status")
                      .asString())
              .isEqualTo("PAID");
          // Refunded through the brand app.
          Reply refund = refundPayment(brandNo, "0.20", "R_" + brandNo);
          assertThat(refund.status()).as(refund.body()).isEqualTo(201);
          assertThat(refund.json().get("status").asString()).isEqualTo("SUCCEEDED");
        });
  }

  /** An order the brand app takes outside PayGate (another system of the merchant's). */
  private void outsideBrandOrder(String outTradeNo, String amount) {
    AlipaySettings brandSettings =
        new AlipaySettings(
            brandAppId(),
            brandPrivateKey,
            brand.get("alipay_public_key").asString(),
            null,
            alipay.base() + "/sandbox/gateway.do",
            shop.base() + "/alipay/notify",
            null,
            brand.get("seller_id").asString(),
            Duration.ofSeconds(2),
            Duration.ofSeconds(10));
    AlipayChannel outside =
        new AlipayChannel(
            "brand", Set.of(Product.QR), brandSettings, new NoExchanges(), Clock.systemUTC());
    assertThat(
            outside.precreate(
                new PayOrder(
                    "brand",
                    outTradeNo,
                    Product.QR,
                    Money.parse(amount),
                    "outside",
                    null,
                    Instant.now().plus(Duration.ofHours(1)))))
        .isInstanceOf(CheckoutOutcome.Opened.class);
  }

  /**
   * Runs last: it moves the sandbox's clock a day on, so that today's bill is published, which
   * would make the other tests' orders expire at Alipay.
   */
  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  @Order(Integer.MAX_VALUE)
  void aBillLineOfTheOtherAppNumberedAsOurPaymentIsNeverTakenForOursNorBookedOnIt() {
    String ours = on(shop, () -> createPayment("5.50", "qr"));
    String defaultAppId = on(alipay, this::appId);
    assertThat(buyerActs("scan", defaultAppId, ours).status()).isEqualTo(200);
    assertThat(buyerActs("pay", defaultAppId, ours).status()).isEqualTo(200);
    assertThat(on(shop, () -> payment(ours)).get("status").asString()).isEqualTo("PAID");
    // The brand app's own trade under the same number, paid, then refunded in part in its console.
    outsideBrandOrder(ours, "5.50");
    assertThat(buyerActs("scan", brandAppId(), ours).status()).isEqualTo(200);
    String brandTradeNo = buyerActs("pay", brandAppId(), ours).json().get("trade_no").asString();
    assertThat(on(shop, () -> payment(ours)).get("trade_no").asString()).isNotEqualTo(brandTradeNo);
    Reply console =
        on(
            alipay,
            () ->
                postJson(
                    "/sandbox/api/trades/" + brandTradeNo + "/console-refunds",
                    Map.of("refund_amount", "2.00")));
    assertThat(console.status()).as(console.body()).isEqualTo(201);
    String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
    Reply moved =
        on(alipay, () -> postJson("/sandbox/api/clock/advance", Map.of("seconds", 86_400 + 600)));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);

    JsonNode run =
        created(
            on(
                shop,
                () ->
                    api(
                        "POST",
                        "/api/v1/reconciliations",
                        Map.of("bill_date", today, "app", "brand"))));

    // Neither line is our payment's: both are left for an operator, nothing is booked on ours.
    List<String> found = new ArrayList<>();
    run.get("differences")
        .forEach(
            d -> {
              if (d.get("out_trade_no").asString().equals(ours)) {
                found.add(d.get("kind").asString() + " " + d.get("mended").asBoolean());
                assertThat(d.get("ours").isNull()).as(d.toString()).isTrue();
              }
            });
    assertThat(found).containsExactlyInAnyOrder("MISSING_HERE false", "REFUND_MISSING_HERE false");
    JsonNode after = on(shop, () -> payment(ours));
    assertThat(after.get("status").asString()).isEqualTo("PAID");
    assertThat(after.get("refunded_amount").asString()).isEqualTo("0.00");
    assertThat(on(shop, () -> api("GET", "/api/v1/payments/" + ours + "/refunds", null)).json())
        .isEmpty();
  }

  /** The pay page of a payment, loaded from the shop. */
  private Reply loadPayPageOn(Instance instance, String outTradeNo) {
    return on(instance, () -> loadPayPage(outTradeNo));
  }

  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  void aGenuineNotifyOfTheOtherAppNamingThisAppsPaymentChangesNothing() {
    String ours = on(shop, () -> createPayment("3.30", "qr"));
    assertThat(on(shop, () -> payment(ours)).get("app").asString()).isEqualTo("default");

    // Someone takes an order under the same number with the brand app, outside PayGate, and pays
    // it: Alipay's notify for it is genuine, and names the brand app.
    outsideBrandOrder(ours, "3.30");
    assertThat(buyerActs("scan", brandAppId(), ours).status()).isEqualTo(200);
    assertThat(buyerActs("pay", brandAppId(), ours).status()).isEqualTo(200);

    JsonNode notifies = on(alipay, () -> get("/sandbox/api/notifies?out_trade_no=" + ours)).json();
    assertThat(notifies).isNotEmpty();
    // Refused (Alipay will try again), and told why in the shop's record of it.
    JsonNode notify = notifies.get(0);
    assertThat(notify.get("delivered").asBoolean()).isFalse();
    assertThat(notify.get("attempts").get(0).get("reply").asString()).isEqualTo("failure");
    assertThat(
            shop.bean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql(
                    "SELECT outcome FROM exchanges WHERE out_trade_no = ? AND operation = 'notify'")
                .param(ours)
                .query(String.class)
                .list())
        .singleElement()
        .asString()
        .contains("sent for app brand");
    // Our payment, the default app's, is still unpaid.
    assertThat(on(shop, () -> payment(ours)).get("status").asString()).isEqualTo("PENDING");
    assertThat(on(shop, () -> payment(ours)).hasNonNull("trade_no")).isFalse();
  }

  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  void anApiKeyLimitedToOneAppSeesAndMakesThatAppsPaymentsOnly() {
    on(
        shop,
        () -> {
          String other = createPayment("4.40", "page");
          JsonNode key =
              created(
                  api(
                      "POST",
                      "/api/v1/api-keys",
                      Map.of("name", "counter", "scope", "write", "apps", List.of("brand"))));
          assertThat(key.get("apps")).hasSize(1);
          assertThat(key.get("apps").get(0).asString()).isEqualTo("brand");
          String secret = key.get("key").asString();

          Reply mine =
              apiWithKey(
                  secret,
                  "POST",
                  "/api/v1/payments",
                  Map.of("total_amount", "1.23", "subject", "s", "product", "qr", "app", "brand"));
          assertThat(mine.status()).as(mine.body()).isEqualTo(201);
          String mineNo = mine.json().get("out_trade_no").asString();
          // Without app the default app is meant, which the key may not use.
          Reply notMine =
              apiWithKey(
                  secret,
                  "POST",
                  "/api/v1/payments",
                  Map.of("total_amount", "1.23", "subject", "s", "product", "qr"));
          assertThat(notMine.status()).isEqualTo(403);
          assertThat(notMine.json().get("code").asString()).isEqualTo("APP_NOT_ALLOWED");
          // The other app's payment does not exist for this key, not even to refund or close.
          assertThat(apiWithKey(secret, "GET", "/api/v1/payments/" + other, null).status())
              .isEqualTo(404);
          assertThat(
                  apiWithKey(secret, "POST", "/api/v1/payments/" + other + "/close", null).status())
              .isEqualTo(404);
          assertThat(
                  apiWithKey(secret, "GET", "/api/v1/payments/" + other + "/refunds", null)
                      .status())
              .isEqualTo(404);
          assertThat(payment(other).get("status").asString()).isEqualTo("PENDING");
          JsonNode listed = apiWithKey(secret, "GET", "/api/v1/payments?limit=100", null).json();
          assertThat(listed.get("data").valueStream().map(p -> p.get("app").asString()))
              .isNotEmpty()
              .containsOnly("brand");
          assertThat(listed.get("data").valueStream().map(p -> p.get("out_trade_no").asString()))
              .contains(mineNo)
              .doesNotContain(other);
          assertThat(
                  apiWithKey(secret, "GET", "/api/v1/payments?app=default", null)
                      .json()
                      .get("code")
                      .asString())
              .isEqualTo("APP_NOT_ALLOWED");
          // Nor the other app's bills, nor its events.
          for (Reply bill :
              List.of(
                  apiWithKey(secret, "GET", "/api/v1/reconciliations/2026-01-01", null),
                  apiWithKey(
                      secret,
                      "POST",
                      "/api/v1/reconciliations",
                      Map.of("bill_date", "2026-01-01", "app", "default")))) {
            assertThat(bill.status()).as(bill.body()).isEqualTo(403);
            assertThat(bill.json().get("code").asString()).isEqualTo("APP_NOT_ALLOWED");
          }
          assertThat(apiWithKey(secret, "GET", "/api/v1/events?limit=100", null).body())
              .doesNotContain(other);
          // An admin key of the one app makes keys and endpoints of that app only.
          String admin =
              created(
                      api(
                          "POST",
                          "/api/v1/api-keys",
                          Map.of(
                              "name", "brand admin", "scope", "admin", "apps", List.of("brand"))))
                  .get("key")
                  .asString();
          Reply wider =
              apiWithKey(
                  admin,
                  "POST",
                  "/api/v1/api-keys",
                  Map.of("name", "both", "scope", "read", "apps", List.of("brand", "default")));
          assertThat(wider.status()).isEqualTo(403);
          assertThat(wider.json().get("code").asString()).isEqualTo("KEY_TOO_BROAD");
          Reply endpoint =
              apiWithKey(
                  admin,
                  "POST",
                  "/api/v1/webhook-endpoints",
                  Map.of("url", "http://localhost:9/brand", "apps", List.of("default")));
          assertThat(endpoint.status()).isEqualTo(403);
          assertThat(endpoint.json().get("code").asString()).isEqualTo("APP_NOT_ALLOWED");
          // The bootstrap key sees both apps, and can ask for one.
          assertThat(
                  api("GET", "/api/v1/payments?app=default&limit=100", null)
                      .json()
                      .get("data")
                      .valueStream()
                      .map(p -> p.get("app").asString()))
              .containsOnly("default");
        });
  }
}
