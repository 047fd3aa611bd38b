package io.paygate.server.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import tools.jackson.databind.JsonNode;

/**
 * A shop whose app is in public-key certificate mode (公钥证书模式), configured as a merchant would be
 * from the three downloaded files, against the sandbox acting as Alipay: the start-up self-test, a
 * payment paid and refunded, and Alipay rotating its certificate meanwhile.
 */
// Own database, instances and clock: runs beside the other classes (junit-platform.properties);
// its own tests one after the other, on the instances they share.
@Execution(ExecutionMode.CONCURRENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateModeTest extends ClusterTestSupport {

  private Instance alipay;
  private Instance shop;
  private JsonNode app;
  private Path files;

  /** Which file the next instance started takes for Alipay's certificate. */
  private String alipayCertFile = "alipayCertPublicKey_RSA2.crt";

  @BeforeAll
  void startTheSandboxAndACertificateModeShop() throws NoSuchAlgorithmException, IOException {
    createDatabase();
    alipay = startWithSandbox("alipay", null, List.of());
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    Reply registered =
        on(
            alipay,
            () ->
                postJson(
                    "/sandbox/api/apps",
                    Map.of(
                        "app_public_key",
                        Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()),
                        "cert_mode",
                        true)));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    app = registered.json();
    files = Files.createTempDirectory("paygate-certs-");
    write(
        "app-private-key.txt", Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()));
    write("appCertPublicKey.crt", app.get("app_cert").asString());
    write("alipayCertPublicKey_RSA2.crt", app.get("alipay_cert").asString());
    write("alipayRootCert.crt", app.get("alipay_root_cert").asString());
    shop = startAsApp("shop", alipay, null, List.of());
  }

  private void write(String name, String content) {
    try {
      Files.writeString(files.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The shop's app as the merchant configures it: the key and the three certificate files. */
  @Override
  protected List<String> appArguments(Instance host) {
    return List.of(
        "--paygate.sandbox.enabled=false",
        "--paygate.alipay.app-id=" + app.get("app_id").asString(),
        "--paygate.alipay.private-key-file=" + files.resolve("app-private-key.txt"),
        "--paygate.alipay.app-cert-file=" + files.resolve("appCertPublicKey.crt"),
        "--paygate.alipay.alipay-cert-file=" + files.resolve(alipayCertFile),
        "--paygate.alipay.alipay-root-cert-file=" + files.resolve("alipayRootCert.crt"),
        "--paygate.alipay.seller-id=" + app.get("seller_id").asString(),
        "--paygate.alipay.gateway=" + alipay.base() + "/sandbox/gateway.do");
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

  private Reply pay(String outTradeNo) {
    JsonNode buyer = on(alipay, this::defaultBuyer);
    return on(
        alipay,
        () ->
            postJson(
                "/sandbox/api/buyer/pay",
                Map.of(
                    "app_id", app.get("app_id").asString(),
                    "out_trade_no", outTradeNo,
                    "buyer_logon_id", buyer.get("logon_id").asString(),
                    "pay_password", buyer.get("pay_password").asString())));
  }

  private String paidInCertificateMode(String amount) {
    String outTradeNo = on(shop, () -> createPayment(amount, "page"));
    Reply cashier = on(shop, () -> loadPayPage(outTradeNo));
    assertThat(cashier.body()).contains("app_cert_sn").contains("alipay_root_cert_sn");
    on(alipay, () -> submitPayForm(cashier));
    assertThat(pay(outTradeNo).status()).isEqualTo(200);
    return outTradeNo;
  }

  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  void aPaymentIsPaidByAVerifiedNotifyAndRefundedAcrossAnAlipayCertificateRotation() {
    String first = paidInCertificateMode("6.60");
    assertThat(on(shop, () -> payment(first)).get("status").asString()).isEqualTo("PAID");
    Reply refund = on(shop, () -> refundPayment(first, "1.60", "R_" + first));
    assertThat(refund.status()).as(refund.body()).isEqualTo(201);
    assertThat(refund.json().get("status").asString()).isEqualTo("SUCCEEDED");

    // Alipay rotates its certificate: the next answer names the new one, which the SDK fetches;
    // later notifies, signed with it, still verify.
    Reply rotated =
        on(
            alipay,
            () ->
                postJson(
                    "/sandbox/api/apps/" + app.get("app_id").asString() + "/alipay-cert/rotate",
                    Map.of()));
    assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
    assertThat(
            on(shop, () -> api("GET", "/api/v1/payments/" + first + "?sync=true", null))
                .json()
                .get("status")
                .asString())
        .isEqualTo("PARTIALLY_REFUNDED");
    String second = paidInCertificateMode("7.70");
    assertThat(on(shop, () -> payment(second)).get("status").asString()).isEqualTo("PAID");
  }

  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  void theStartUpSelfTestNamesTheFileThatIsWrong() {
    // The app's own certificate where Alipay's belongs: the most common mix-up of the three files.
    alipayCertFile = "appCertPublicKey.crt";
    try {
      assertThatThrownBy(() -> startAsApp("wrong", alipay, null, List.of()).context().close())
          .hasStackTraceContaining("paygate.alipay.alipay-cert")
          .hasStackTraceContaining("the app's own certificate");
    } finally {
      alipayCertFile = "alipayCertPublicKey_RSA2.crt";
    }
  }
}
