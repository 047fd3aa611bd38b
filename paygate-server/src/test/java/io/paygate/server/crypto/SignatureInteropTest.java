package io.paygate.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ACCP's SHA256withRSA and the JDK's are the same signature: what one signs the other verifies,
 * both ways, over keys parsed from the same PKCS#8 and X.509 bytes Alipay's keys come in.
 */
class SignatureInteropTest {

  private static final Provider ACCP = AmazonCorrettoCryptoProvider.INSTANCE;
  private static final Provider JDK = Security.getProvider("SunRsaSign");
  private static final byte[] CONTENT =
      "app_id=2021000000000000&biz_content={\"out_trade_no\":\"P1\",\"total_amount\":\"12.30\"}&charset=UTF-8"
          .getBytes(StandardCharsets.UTF_8);

  private static KeyPair keys;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    keys = JcaProviders.jdkKeysWhereAccpLoads();
  }

  @Test
  void whatAccpSignsTheJdkVerifies() throws GeneralSecurityException {
    byte[] signature = sign(ACCP, privateKey(ACCP));

    assertThat(verify(JDK, publicKey(JDK), signature, CONTENT)).isTrue();
    assertThat(verify(JDK, publicKey(JDK), signature, tampered())).isFalse();
  }

  @Test
  void whatTheJdkSignsAccpVerifies() throws GeneralSecurityException {
    byte[] signature = sign(JDK, privateKey(JDK));

    assertThat(verify(ACCP, publicKey(ACCP), signature, CONTENT)).isTrue();
    assertThat(verify(ACCP, publicKey(ACCP), signature, tampered())).isFalse();
  }

  @Test
  void bothMakeTheSameBytesAndTheRealProvidersDidTheWork() throws GeneralSecurityException {
    // PKCS#1 v1.5 is deterministic: equal bytes mean equal signatures, not merely compatible ones.
    Signature accp = Signature.getInstance(SigningProvider.ALGORITHM, ACCP);
    Signature jdk = Signature.getInstance(SigningProvider.ALGORITHM, JDK);

    assertThat(sign(ACCP, privateKey(ACCP))).isEqualTo(sign(JDK, privateKey(JDK)));
    assertThat(accp.getProvider().getName()).isEqualTo(SigningProvider.ACCP);
    assertThat(jdk.getProvider().getName()).isEqualTo("SunRsaSign");
    assertThat(privateKey(ACCP).getClass().getName()).startsWith("com.amazon.corretto");
  }

  private static byte[] sign(Provider provider, PrivateKey key) throws GeneralSecurityException {
    Signature signature = Signature.getInstance(SigningProvider.ALGORITHM, provider);
    signature.initSign(key);
    signature.update(CONTENT);
    return signature.sign();
  }

  private static boolean verify(Provider provider, PublicKey key, byte[] sign, byte[] content)
      throws GeneralSecurityException {
    Signature signature = Signature.getInstance(SigningProvider.ALGORITHM, provider);
    signature.initVerify(key);
    signature.update(content);
    return signature.verify(sign);
  }

  private static PrivateKey privateKey(Provider provider) throws GeneralSecurityException {
    return KeyFactory.getInstance("RSA", provider)
        .generatePrivate(new PKCS8EncodedKeySpec(keys.getPrivate().getEncoded()));
  }

  private static PublicKey publicKey(Provider provider) throws GeneralSecurityException {
    return KeyFactory.getInstance("RSA", provider)
        .generatePublic(new X509EncodedKeySpec(keys.getPublic().getEncoded()));
  }

  private static byte[] tampered() {
    byte[] copy = CONTENT.clone();
    copy[copy.length - 2] ^= 1;
    return copy;
  }
}
