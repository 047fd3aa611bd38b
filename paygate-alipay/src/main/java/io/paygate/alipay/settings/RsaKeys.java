package io.paygate.alipay.settings;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The channel's RSA keys and SHA256withRSA, in one place: parsed the way the SDK parses them (so a
 * bad key fails at start-up rather than on a payment), once, and used by the start-up self-test,
 * the client's signer and the notify check alike.
 */
public final class RsaKeys {

  private static final String ALGORITHM = "SHA256withRSA";

  private RsaKeys() {}

  public static PrivateKey privateKey(String base64, String property) {
    try {
      return rsa().generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new AlipaySettingsException(
          property, "is not an RSA private key in PKCS#8 form (base64 DER or PEM)");
    }
  }

  public static PublicKey publicKey(String base64, String property) {
    try {
      return rsa().generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new AlipaySettingsException(
          property, "is not an RSA public key in X.509 form (base64 DER or PEM)");
    }
  }

  public static byte[] sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
    Signature signature = Signature.getInstance(ALGORITHM);
    signature.initSign(key);
    signature.update(data);
    return signature.sign();
  }

  public static boolean verifies(PublicKey key, byte[] data, byte[] signed) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initVerify(key);
      signature.update(data);
      return signature.verify(signed);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static KeyFactory rsa() throws GeneralSecurityException {
    return KeyFactory.getInstance("RSA");
  }
}
