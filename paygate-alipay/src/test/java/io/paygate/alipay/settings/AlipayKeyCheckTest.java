package io.paygate.alipay.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.paygate.alipay.support.TestKeys;
import org.junit.jupiter.api.Test;

class AlipayKeyCheckTest {

  private static AlipaySettings settings(
      String privateKey, String appPublicKey, String alipayPublicKey) {
    return new AlipaySettings(
        "2021000000000001",
        privateKey,
        alipayPublicKey,
        appPublicKey,
        "production",
        "https://shop.example/notify",
        null,
        null,
        null,
        null);
  }

  private static AlipaySettingsException failure(AlipaySettings settings) {
    return catchThrowableOfType(
        AlipaySettingsException.class, () -> new AlipayKeyCheck(settings).check());
  }

  @Test
  void matchingKeysPass() {
    AlipaySettings settings =
        settings(TestKeys.APP.privateKey(), TestKeys.APP.publicKey(), TestKeys.ALIPAY.publicKey());

    assertThatCode(() -> new AlipayKeyCheck(settings).check()).doesNotThrowAnyException();
  }

  @Test
  void pemKeysArePassedToTheSdkAsBareBase64() {
    AlipaySettings settings =
        settings(
            TestKeys.APP.privateKeyPem(),
            TestKeys.APP.publicKeyPem(),
            TestKeys.ALIPAY.publicKeyPem());

    assertThatCode(() -> new AlipayKeyCheck(settings).check()).doesNotThrowAnyException();
    assertThat(settings.privateKey()).isEqualTo(TestKeys.APP.privateKey());
    assertThat(settings.alipayPublicKey()).isEqualTo(TestKeys.ALIPAY.publicKey());
  }

  @Test
  void anAppPublicKeyFromAnotherPairNamesItsProperty() {
    AlipayKeyCheck check =
        new AlipayKeyCheck(
            settings(
                TestKeys.APP.privateKey(),
                TestKeys.STRANGER.publicKey(),
                TestKeys.ALIPAY.publicKey()));

    AlipaySettingsException e = catchThrowableOfType(AlipaySettingsException.class, check::check);

    assertThat(e.property()).isEqualTo("paygate.alipay.app-public-key");
    assertThat(e).hasMessageContaining("paygate.alipay.app-public-key");
  }

  @Test
  void theAppsOwnPublicKeyConfiguredAsAlipaysIsRefused() {
    AlipaySettingsException e =
        failure(
            settings(
                TestKeys.APP.privateKey(), TestKeys.APP.publicKey(), TestKeys.APP.publicKey()));

    assertThat(e.property()).isEqualTo("paygate.alipay.alipay-public-key");
    assertThat(e).hasMessageContaining("paygate.alipay.alipay-public-key");
  }

  @Test
  void theAppsOwnPublicKeyIsFoundEvenWithoutTheAppPublicKeyConfigured() {
    AlipaySettingsException e =
        failure(settings(TestKeys.APP.privateKey(), null, TestKeys.APP.publicKey()));

    assertThat(e.property()).isEqualTo("paygate.alipay.alipay-public-key");
  }

  @Test
  void aGarbagePrivateKeyNamesItsPropertyWithoutQuotingIt() {
    String garbage = "TUlJRXZnSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NCS2d3Z2dTa0FnRUFBb0lCQVFE";

    AlipaySettingsException e = failure(settings(garbage, null, TestKeys.ALIPAY.publicKey()));

    assertThat(e.property()).isEqualTo("paygate.alipay.private-key");
    assertThat(e.getMessage()).doesNotContain(garbage.substring(0, 12));
  }

  @Test
  void aGarbageAlipayPublicKeyNamesItsProperty() {
    AlipaySettingsException e =
        failure(settings(TestKeys.APP.privateKey(), null, "bm90IGEga2V5IGF0IGFsbA=="));

    assertThat(e.property()).isEqualTo("paygate.alipay.alipay-public-key");
  }

  @Test
  void textThatIsNotEvenBase64NamesItsProperty() {
    AlipaySettingsException e =
        catchThrowableOfType(
            AlipaySettingsException.class,
            () -> settings("this is % not base64", null, TestKeys.ALIPAY.publicKey()));

    assertThat(e.property()).isEqualTo("paygate.alipay.private-key");
  }

  @Test
  void aPkcs1PrivateKeyIsRefusedWithAHint() {
    String pkcs1 =
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n";

    AlipaySettingsException e =
        catchThrowableOfType(
            AlipaySettingsException.class,
            () -> settings(pkcs1, null, TestKeys.ALIPAY.publicKey()));

    assertThat(e.property()).isEqualTo("paygate.alipay.private-key");
    assertThat(e).hasMessageContaining("PKCS#8");
  }

  @Test
  void noFailureMessageEverContainsKeyMaterial() {
    String privateKey = TestKeys.APP.privateKey();
    String appKey = TestKeys.APP.publicKey();

    AlipaySettingsException e = failure(settings(privateKey, appKey, appKey));

    assertThat(e.getMessage())
        .doesNotContain(privateKey.substring(40, 80))
        .doesNotContain(appKey.substring(40, 80));
  }
}
