package io.paygate.wechatpay.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** The plain checks over the key material, with a merchant API certificate made here. */
class WechatPayKeyCheckTest {

  private static final String MCHID = "1900000001";
  private static final BigInteger SERIAL =
      new BigInteger("5157F09EFDC096DE15EBE81A47057A7232F1B8E1", 16);
  private static final String APIV3 = "0123456789abcdef0123456789abcdef";

  @Test
  void theMerchantsOwnCertificateKeyAndSerialPass() throws Exception {
    KeyPair merchant = rsa();
    KeyPair wechat = rsa();
    assertThat(
            WechatPayKeyCheck.problems(
                settings(
                    merchant, SERIAL.toString(16), certificate(merchant, SERIAL, MCHID), wechat)))
        .isEmpty();
  }

  @Test
  void aCertificateOfAnotherKeyASerialNotItsAndAnotherMerchantsAreNamed() throws Exception {
    KeyPair merchant = rsa();
    KeyPair other = rsa();
    KeyPair wechat = rsa();
    assertThat(
            WechatPayKeyCheck.problems(
                settings(merchant, SERIAL.toString(16), certificate(other, SERIAL, MCHID), wechat)))
        .singleElement()
        .asString()
        .contains("private-key is not the key of paygate.wechatpay.merchant-certificate");
    assertThat(
            WechatPayKeyCheck.problems(
                settings(merchant, "ABCDEF", certificate(merchant, SERIAL, MCHID), wechat)))
        .singleElement()
        .asString()
        .contains("merchant-serial-no is not the serial", SERIAL.toString(16).toUpperCase());
    assertThat(
            WechatPayKeyCheck.problems(
                settings(
                    merchant,
                    SERIAL.toString(16),
                    certificate(merchant, SERIAL, "1900000002"),
                    wechat)))
        .singleElement()
        .asString()
        .contains("is not merchant " + MCHID);
  }

  @Test
  void theMerchantsKeyInWechatPaysPlaceIsSwapped() throws Exception {
    KeyPair merchant = rsa();
    List<String> problems =
        WechatPayKeyCheck.problems(settings(merchant, SERIAL.toString(16), null, merchant));
    assertThat(problems).singleElement().asString().contains("swapped");
  }

  private static WechatPaySettings settings(
      KeyPair merchant, String serial, String certificate, KeyPair wechat) {
    return new WechatPaySettings(
        MCHID,
        Map.of("default", WechatPayApp.of("wx0000000000000001")),
        pem("PRIVATE KEY", merchant.getPrivate().getEncoded()),
        serial,
        certificate,
        APIV3,
        KeyMode.PUBLIC_KEY,
        pem("PUBLIC KEY", wechat.getPublic().getEncoded()),
        "PUB_KEY_ID_0000000000000024101100397200000006",
        "https://shop.example/notify",
        URI.create("https://api.mch.weixin.qq.com"),
        null,
        null);
  }

  private static KeyPair rsa() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static String certificate(KeyPair key, BigInteger serial, String mchid) throws Exception {
    X500Name subject = new X500Name("CN=" + mchid + ",O=Shop,C=CN");
    Date now = new Date();
    var holder =
        new JcaX509v3CertificateBuilder(
                subject,
                serial,
                now,
                new Date(now.getTime() + 86_400_000L),
                subject,
                key.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate()));
    return pem(
        "CERTIFICATE", new JcaX509CertificateConverter().getCertificate(holder).getEncoded());
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder().encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
