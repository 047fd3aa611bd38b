package io.paygate.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.wechatpay.settings.KeyMode;
import io.paygate.wechatpay.settings.SelfTest;
import io.paygate.wechatpay.settings.WechatPaySettings;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The start-up self-test names what is wrong: plain checks over the keys, then one signed call to
 * the offline WeChat Pay whose signed answer proves the rest.
 */
class SandboxSelfTestTest extends SandboxWechatPaySupport {

  @ParameterizedTest
  @EnumSource(KeyMode.class)
  void theRightKeysPass(KeyMode mode) throws Exception {
    Merchant m = newMerchant(mode);
    assertThat(WechatPaySelfTest.run(settings(m, mode))).isEqualTo(new SelfTest.Passed());
  }

  @Test
  void theMerchantsOwnPublicKeyInWechatPaysPlaceIsNamedSwapped() throws Exception {
    Merchant m = newMerchant(KeyMode.PUBLIC_KEY);
    WechatPaySettings swapped = withPublicKey(settings(m, KeyMode.PUBLIC_KEY), ownPublicKey(m));
    assertThat(problems(swapped)).anyMatch(p -> p.contains("merchant's own public key"));
  }

  @Test
  void anotherMerchantsWechatPayKeyIsNamedForeign() throws Exception {
    Merchant m = newMerchant(KeyMode.PUBLIC_KEY);
    Merchant other = newMerchant(KeyMode.PUBLIC_KEY);
    WechatPaySettings foreign = withPublicKey(settings(m, KeyMode.PUBLIC_KEY), other.publicKey());
    assertThat(problems(foreign)).anyMatch(p -> p.contains("public-key does not verify"));
  }

  @Test
  void aWrongSerialIsNamed() throws Exception {
    Merchant m = newMerchant(KeyMode.PUBLIC_KEY);
    Merchant other = newMerchant(KeyMode.PUBLIC_KEY);
    WechatPaySettings s = settings(m, KeyMode.PUBLIC_KEY);
    WechatPaySettings wrongSerial =
        new WechatPaySettings(
            s.mchid(),
            s.apps(),
            s.privateKey(),
            other.serialNo(),
            null,
            s.apiV3Key(),
            s.keyMode(),
            s.publicKey(),
            s.publicKeyId(),
            s.notifyUrl(),
            s.baseUrl(),
            s.connectTimeout(),
            s.readTimeout());
    assertThat(problems(wrongSerial)).anyMatch(p -> p.contains("merchant-serial-no"));
  }

  @Test
  void anApiV3KeyOfTheWrongLengthIsNamedBeforeAnyCall() throws Exception {
    Merchant m = newMerchant(KeyMode.PUBLIC_KEY);
    WechatPaySettings s = settings(m, KeyMode.PUBLIC_KEY);
    WechatPaySettings shortKey =
        new WechatPaySettings(
            s.mchid(),
            s.apps(),
            s.privateKey(),
            s.merchantSerialNo(),
            null,
            s.apiV3Key().substring(1),
            s.keyMode(),
            s.publicKey(),
            s.publicKeyId(),
            s.notifyUrl(),
            s.baseUrl(),
            s.connectTimeout(),
            s.readTimeout());
    assertThat(problems(shortKey)).anyMatch(p -> p.contains("apiv3-key is 31 bytes"));
  }

  @Test
  void aWrongApiV3KeyIsNamedInCertificateMode() throws Exception {
    Merchant m = newMerchant(KeyMode.PLATFORM_CERTIFICATE);
    WechatPaySettings s = settings(m, KeyMode.PLATFORM_CERTIFICATE);
    String wrong = new StringBuilder(s.apiV3Key()).reverse().toString();
    WechatPaySettings wrongKey =
        new WechatPaySettings(
            s.mchid(),
            s.apps(),
            s.privateKey(),
            s.merchantSerialNo(),
            null,
            wrong,
            s.keyMode(),
            null,
            null,
            s.notifyUrl(),
            s.baseUrl(),
            s.connectTimeout(),
            s.readTimeout());
    assertThat(problems(wrongKey)).anyMatch(p -> p.contains("apiv3-key is not merchant"));
  }

  @Test
  void aPublicKeyMerchantInCertificateModeIsToldToUseItsPublicKey() throws Exception {
    Merchant m = newMerchant(KeyMode.PUBLIC_KEY);
    assertThat(problems(settings(m, KeyMode.PLATFORM_CERTIFICATE)))
        .anyMatch(p -> p.contains("has no platform certificates"));
  }

  @Test
  void aPkcs1KeyIsNamed() throws Exception {
    Merchant m = newMerchant(KeyMode.PUBLIC_KEY);
    WechatPaySettings s = settings(m, KeyMode.PUBLIC_KEY);
    WechatPaySettings pkcs1 =
        new WechatPaySettings(
            s.mchid(),
            s.apps(),
            "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----",
            s.merchantSerialNo(),
            null,
            s.apiV3Key(),
            s.keyMode(),
            s.publicKey(),
            s.publicKeyId(),
            s.notifyUrl(),
            s.baseUrl(),
            s.connectTimeout(),
            s.readTimeout());
    assertThat(problems(pkcs1)).anyMatch(p -> p.contains("PKCS#1"));
  }

  private static java.util.List<String> problems(WechatPaySettings settings) {
    SelfTest result = WechatPaySelfTest.run(settings);
    assertThat(result).isInstanceOf(SelfTest.Failed.class);
    java.util.List<String> problems = ((SelfTest.Failed) result).problems();
    // Never a key's text in what is said.
    assertThat(String.join(" ", problems)).doesNotContain(settings.apiV3Key(), "BEGIN", "MII");
    return problems;
  }

  private static WechatPaySettings withPublicKey(WechatPaySettings s, String publicKey) {
    return new WechatPaySettings(
        s.mchid(),
        s.apps(),
        s.privateKey(),
        s.merchantSerialNo(),
        null,
        s.apiV3Key(),
        s.keyMode(),
        publicKey,
        s.publicKeyId(),
        s.notifyUrl(),
        s.baseUrl(),
        s.connectTimeout(),
        s.readTimeout());
  }

  /** The public half of the merchant's own key, in PEM. */
  private static String ownPublicKey(Merchant m) throws Exception {
    byte[] der = Base64.getMimeDecoder().decode(m.privateKey().replaceAll("-----[A-Z ]+-----", ""));
    KeyFactory rsa = KeyFactory.getInstance("RSA");
    RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
    byte[] pub =
        rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()))
            .getEncoded();
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(pub)
        + "\n-----END PUBLIC KEY-----\n";
  }
}
