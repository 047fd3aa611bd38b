package io.paygate.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The official SDK signs and verifies through the preferred provider: its RSAEncryptor asks {@code
 * Signature.getInstance("SHA256WithRSA")} and {@code KeyFactory.getInstance("RSA")} without naming
 * a provider (javap -c com.alipay.api.internal.util.asymmetric.RSAEncryptor), so whichever is first
 * serves it. Shown here without trusting that reading: with every other provider of those two
 * services taken out of the JVM, the SDK still signs and verifies, so ACCP did it; with ACCP out as
 * well it cannot, so the removal really bites.
 */
@Isolated("takes every RSA provider out of the JVM's list for a while")
class AlipaySdkProviderTest {

  private static final String CHARSET = "UTF-8";
  private static final Provider JDK = Security.getProvider("SunRsaSign");

  private static String privateKey;
  private static String publicKey;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    KeyPair keys = JcaProviders.jdkKeysWhereAccpLoads();
    privateKey = Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded());
    publicKey = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
  }

  @Test
  void afterInstallTheSdksLookUpsGetAccp() throws GeneralSecurityException {
    try (JcaProviders ignored = JcaProviders.snapshot()) {
      SigningProvider chosen = SigningProvider.prefer(true);

      assertThat(chosen.provider()).isEqualTo(SigningProvider.ACCP);
      assertThat(chosen.nativeLibrary()).isTrue();
      // The SDK's own spellings of the names.
      assertThat(Signature.getInstance("SHA256WithRSA").getProvider().getName())
          .isEqualTo(SigningProvider.ACCP);
      assertThat(KeyFactory.getInstance("RSA").getProvider().getName())
          .isEqualTo(SigningProvider.ACCP);
    }
  }

  @Test
  void withOnlyAccpLeftTheSdkStillSignsAndVerifies() throws Exception {
    String content = "app_id=2021000000000000&charset=UTF-8&out_trade_no=P1&total_amount=12.30";
    String expected = jdkSignature(content);

    try (JcaProviders ignored = JcaProviders.snapshot()) {
      SigningProvider.prefer(true);
      onlyAccpOffersRsa();

      String sign = AlipaySignature.rsa256Sign(content, privateKey, CHARSET);
      assertThat(sign).isEqualTo(expected);
      assertThat(AlipaySignature.rsa256CheckContent(content, sign, publicKey, CHARSET)).isTrue();
      assertThat(AlipaySignature.rsa256CheckContent(content + "0", sign, publicKey, CHARSET))
          .isFalse();
      // A notify, checked the way the channel's SignatureCheck does.
      Map<String, String> notify = aNotify();
      notify.put(
          "sign",
          AlipaySignature.rsa256Sign(
              AlipaySignature.getSignCheckContentV1(notify), privateKey, CHARSET));
      notify.put("sign_type", "RSA2");
      assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(notify), publicKey, CHARSET, "RSA2"))
          .isTrue();
      notify.put("total_amount", "99.00");
      assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(notify), publicKey, CHARSET, "RSA2"))
          .isFalse();
    }
  }

  @Test
  void withAccpAlsoOutTheSdkCannotSign() {
    try (JcaProviders ignored = JcaProviders.snapshot()) {
      onlyAccpOffersRsa();
      Security.removeProvider(SigningProvider.ACCP);

      assertThatThrownBy(() -> AlipaySignature.rsa256Sign("a=b", privateKey, CHARSET))
          .isInstanceOf(AlipayApiException.class);
    }
  }

  /** Takes out every provider but ACCP that offers SHA256withRSA or an RSA key factory. */
  private static void onlyAccpOffersRsa() {
    for (Provider provider : Security.getProviders()) {
      boolean rsa =
          provider.getService("Signature", SigningProvider.ALGORITHM) != null
              || provider.getService("KeyFactory", "RSA") != null;
      if (rsa && !provider.getName().equals(SigningProvider.ACCP)) {
        Security.removeProvider(provider.getName());
      }
    }
  }

  private static String jdkSignature(String content) throws GeneralSecurityException {
    Signature signature = Signature.getInstance(SigningProvider.ALGORITHM, JDK);
    signature.initSign(
        KeyFactory.getInstance("RSA", JDK)
            .generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(privateKey))));
    signature.update(content.getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(signature.sign());
  }

  private static Map<String, String> aNotify() {
    Map<String, String> notify = new HashMap<>();
    notify.put("app_id", "2021000000000000");
    notify.put("charset", CHARSET);
    notify.put("out_trade_no", "P1");
    notify.put("trade_status", "TRADE_SUCCESS");
    notify.put("total_amount", "12.30");
    return notify;
  }
}
