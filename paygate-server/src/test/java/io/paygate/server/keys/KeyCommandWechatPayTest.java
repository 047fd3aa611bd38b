package io.paygate.server.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.sandbox.wechatpay.keys.WxKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keys wechatpay-check} over a merchant's files as 商户平台 hands them out (made here as the
 * offline WeChat Pay makes them): the right set passes and prints the serial and mchid read from
 * the certificate; each usual mistake fails naming its property, and no key is ever printed.
 */
class KeyCommandWechatPayTest {

  private static final String MCHID = "1900000109";

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private final WxKeys.IssuedCertificate merchant =
      WxKeys.issue(MCHID, Instant.now(), Instant.now().plus(365, ChronoUnit.DAYS));
  private final WxKeys.PemKeyPair wechatPay = WxKeys.generate();

  private int keys(Map<String, String> environment, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "keys";
    System.arraycopy(args, 0, all, 1, args.length);
    return new KeyCommand(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            environment::get)
        .run(all);
  }

  private int check(String... extra) throws IOException {
    String[] base = {
      "wechatpay-check",
      "--private-key",
      write("apiclient_key.pem", merchant.privateKey()),
      "--cert",
      write("apiclient_cert.pem", merchant.certificate()),
      "--apiv3-key",
      write("apiv3-key.txt", "0123456789abcdefghijklmnopqrstuv\n"),
      "--public-key",
      write("pub_key.pem", wechatPay.publicKey()),
      "--public-key-id",
      "PUB_KEY_ID_0119000001092025010100000000000001"
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    // A later option replaces an earlier one of the same name.
    return keys(Map.of(), all);
  }

  @Test
  void aMerchantsRightFilesPassAndTheSerialAndMchidComeFromTheCertificate() throws IOException {
    assertThat(check()).as(err.toString(StandardCharsets.UTF_8)).isZero();
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("merchant: " + MCHID)
        .contains("paygate.wechatpay.merchant-serial-no=" + merchant.serialNo())
        .contains("paygate.wechatpay.public-key-id=PUB_KEY_ID_")
        .contains("keys wechatpay-check passed")
        .doesNotContain("PRIVATE KEY")
        .doesNotContain("0123456789abcdefghijklmnopqrstuv");
  }

  @Test
  void theMerchantsOwnPublicKeyInWechatPaysPlaceIsNamed() throws IOException {
    // The merchant's public key, as it would be mistaken for pub_key.pem: the certificate's key.
    String ownPublicKey =
        "-----BEGIN PUBLIC KEY-----\n"
            + java.util.Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(WxKeys.certificateKey(merchant.certificate()).getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    assertThat(check("--public-key", write("swapped.pem", ownPublicKey))).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("paygate.wechatpay.public-key is the merchant's own public key")
        .doesNotContain("BEGIN");
  }

  @Test
  void aKeyOfAnotherCertificateAndAWrongSerialAreNamed() throws IOException {
    String otherKey =
        WxKeys.issue(MCHID, Instant.now(), Instant.now().plus(1, ChronoUnit.DAYS)).privateKey();
    assertThat(
            check(
                "--private-key",
                write("other_key.pem", otherKey),
                "--serial",
                "1234567890ABCDEF1234567890ABCDEF12345678"))
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("paygate.wechatpay.private-key is not the key of")
        .contains("paygate.wechatpay.merchant-serial-no is not the serial of")
        .contains(merchant.serialNo());
  }

  @Test
  void anApiV3KeyOfTheWrongLengthIsNamedFromTheEnvironmentToo() throws IOException {
    assertThat(check("--apiv3-key", write("short.txt", "twenty-two-characters!"))).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("paygate.wechatpay.apiv3-key is 22 bytes")
        .doesNotContain("twenty-two-characters!");

    err.reset();
    int status =
        keys(
            Map.of(
                "PAYGATE_WECHATPAY_MCHID", MCHID,
                "PAYGATE_WECHATPAY_PRIVATE_KEY", merchant.privateKey(),
                "PAYGATE_WECHATPAY_MERCHANT_SERIAL_NO", merchant.serialNo(),
                "PAYGATE_WECHATPAY_APIV3_KEY", "x".repeat(33)),
            "wechatpay-check");
    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("paygate.wechatpay.apiv3-key is 33");
  }

  private String write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file.toString();
  }
}
