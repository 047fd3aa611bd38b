package io.paygate.server.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.alipay.AlipayChannel;
import io.paygate.alipay.settings.AlipayKeyCheck;
import io.paygate.alipay.settings.AlipaySettings;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeRef;
import io.paygate.server.NoExchanges;
import io.paygate.server.SharedServerTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The key tool's pair is what Alipay's platform takes: the sandbox registers an app with its public
 * key, the server's start-up self-test accepts the three keys, and the SDK's calls signed with the
 * private key verify at the gateway.
 */
class KeyCommandTest extends SharedServerTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int keys(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "keys";
    System.arraycopy(args, 0, all, 1, args.length);
    return new KeyCommand(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            name -> null)
        .run(all);
  }

  @Test
  void aGeneratedPairIsAcceptedByTheSandboxTheSelfTestAndTheGateway() throws IOException {
    assertThat(keys("generate", "--out", dir.toString())).isZero();
    Path privateFile = dir.resolve(KeyCommand.PRIVATE_FILE);
    Path publicFile = dir.resolve(KeyCommand.PUBLIC_FILE);
    String privateKey = Files.readString(privateFile).strip();
    String publicKey = Files.readString(publicFile).strip();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFile)))
        .isEqualTo("rw-------");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains(publicKey).doesNotContain(privateKey);

    Reply registered = postJson("/sandbox/api/apps", Map.of("app_public_key", publicKey));
    assertThat(registered.status()).isEqualTo(201);
    JsonNode app = registered.json();
    Path alipayFile = dir.resolve("alipay-public-key.txt");
    Files.writeString(alipayFile, app.get("alipay_public_key").asString());

    assertThat(
            keys(
                "check",
                "--private-key",
                privateFile.toString(),
                "--app-public-key",
                publicFile.toString(),
                "--alipay-public-key",
                alipayFile.toString()))
        .as(err.toString(StandardCharsets.UTF_8))
        .isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("keys check passed");

    AlipaySettings settings =
        new AlipaySettings(
            app.get("app_id").asString(),
            privateKey,
            app.get("alipay_public_key").asString(),
            publicKey,
            app.get("gateway_url").asString(),
            base() + "/alipay/notify",
            base() + "/alipay/return",
            app.get("seller_id").asString(),
            null,
            null);
    new AlipayKeyCheck(settings).check();
    TradeLookup lookup =
        new AlipayChannel(settings, new NoExchanges(), Clock.systemUTC())
            .queryTrade(new TradeRef(null, "P-NEVER-MADE", null));
    // A signature the gateway refused would be an error, not "no such trade".
    assertThat(lookup).isInstanceOf(TradeLookup.NotFound.class);
  }

  @Test
  void aGeneratedKeyIsCertifiedInCertificateModeAndTheCheckNamesTheSnsAndAMixUp()
      throws IOException {
    assertThat(keys("generate", "--out", dir.toString())).isZero();
    String publicKey = Files.readString(dir.resolve(KeyCommand.PUBLIC_FILE)).strip();
    Reply registered =
        postJson("/sandbox/api/apps", Map.of("app_public_key", publicKey, "cert_mode", true));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    JsonNode app = registered.json();
    Path appCert = dir.resolve("appCertPublicKey.crt");
    Path alipayCert = dir.resolve("alipayCertPublicKey_RSA2.crt");
    Path rootCert = dir.resolve("alipayRootCert.crt");
    Files.writeString(appCert, app.get("app_cert").asString());
    Files.writeString(alipayCert, app.get("alipay_cert").asString());
    Files.writeString(rootCert, app.get("alipay_root_cert").asString());
    String privateFile = dir.resolve(KeyCommand.PRIVATE_FILE).toString();

    assertThat(
            keys(
                "check",
                "--private-key",
                privateFile,
                "--app-cert",
                appCert.toString(),
                "--alipay-cert",
                alipayCert.toString(),
                "--alipay-root-cert",
                rootCert.toString()))
        .as(err.toString(StandardCharsets.UTF_8))
        .isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("app_cert_sn=" + app.get("app_cert_sn").asString())
        .contains("alipay_cert_sn=" + app.get("alipay_cert_sn").asString())
        .contains("alipay_root_cert_sn=" + app.get("alipay_root_cert_sn").asString())
        .contains("keys check passed");

    // The app's certificate given as Alipay's.
    assertThat(
            keys(
                "check",
                "--private-key",
                privateFile,
                "--app-cert",
                appCert.toString(),
                "--alipay-cert",
                appCert.toString(),
                "--alipay-root-cert",
                rootCert.toString()))
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("paygate.alipay.alipay-cert")
        .contains("the app's own certificate");
  }

  @Test
  void theAppsOwnPublicKeyWhereAlipaysBelongsIsNamed() throws IOException {
    keys("generate", "--out", dir.toString());
    Path privateFile = dir.resolve(KeyCommand.PRIVATE_FILE);
    Path publicFile = dir.resolve(KeyCommand.PUBLIC_FILE);

    int status =
        keys(
            "check",
            "--private-key",
            privateFile.toString(),
            "--alipay-public-key",
            publicFile.toString());

    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("paygate.alipay.alipay-public-key")
        .contains("is the app's own public key");
  }

  @Test
  void aPkcs1KeyIsRefusedWithTheWayToConvertIt() throws IOException {
    Path pkcs1 = dir.resolve("rsa.pem");
    Files.writeString(
        pkcs1, "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
    Path other = dir.resolve("other.txt");
    Files.writeString(other, "MIIB");

    assertThat(
            keys(
                "check",
                "--private-key",
                pkcs1.toString(),
                "--alipay-public-key",
                other.toString()))
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("PKCS#1").contains("openssl pkcs8");
  }

  @Test
  void anExistingKeyIsNeverOverwrittenAndBadUsageSaysHow() {
    assertThat(keys("generate", "--out", dir.toString())).isZero();
    assertThat(keys("generate", "--out", dir.toString())).isEqualTo(2);
    assertThat(keys("rotate")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("never overwritten")
        .contains("usage:");
  }
}
