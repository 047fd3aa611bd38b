package io.paygate.alipay.settings;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A new RSA-2048 app key pair in the forms Alipay's open platform works with: the private key as
 * PKCS#8 base64 (what the Java SDK and {@code paygate.alipay.private-key} take) and the public key
 * as X.509 base64 without PEM headers (what the platform's "upload the app public key" box takes).
 */
public record AppKeyPair(String privateKeyPkcs8, String publicKey) {

  public static AppKeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      Base64.Encoder base64 = Base64.getEncoder();
      return new AppKeyPair(
          base64.encodeToString(pair.getPrivate().getEncoded()),
          base64.encodeToString(pair.getPublic().getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no RSA", e);
    }
  }

  /** The private key as a PKCS#8 PEM, for tools that want headers. */
  public String privateKeyPem() {
    return pem("PRIVATE KEY", privateKeyPkcs8);
  }

  /** The public key as a PEM. */
  public String publicKeyPem() {
    return pem("PUBLIC KEY", publicKey);
  }

  private static String pem(String type, String base64) {
    StringBuilder text = new StringBuilder("-----BEGIN ").append(type).append("-----\n");
    for (int i = 0; i < base64.length(); i += 64) {
      text.append(base64, i, Math.min(base64.length(), i + 64)).append('\n');
    }
    return text.append("-----END ").append(type).append("-----\n").toString();
  }

  @Override
  public String toString() {
    // A record prints its components; this one holds a private key.
    return "AppKeyPair[publicKey=" + publicKey + "]";
  }
}
