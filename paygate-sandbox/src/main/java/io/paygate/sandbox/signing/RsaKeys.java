package io.paygate.sandbox.signing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/** RSA keys as the Java SDK takes them: Base64 DER, PKCS#8 private and X.509 public. */
public final class RsaKeys {

  private RsaKeys() {}

  /** A fresh 2048-bit pair, Base64 encoded. */
  public static EncodedKeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      Base64.Encoder b64 = Base64.getEncoder();
      return new EncodedKeyPair(
          b64.encodeToString(pair.getPrivate().getEncoded()),
          b64.encodeToString(pair.getPublic().getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is not available", e);
    }
  }

  /** Parses a Base64 X.509 public key, tolerating PEM armour and whitespace. */
  public static Optional<PublicKey> publicKey(String base64) {
    try {
      byte[] der = Base64.getDecoder().decode(stripArmour(base64));
      return Optional.of(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)));
    } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
      return Optional.empty();
    }
  }

  public static PrivateKey privateKey(String base64) {
    try {
      byte[] der = Base64.getDecoder().decode(stripArmour(base64));
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("stored private key is unreadable", e);
    }
  }

  private static String stripArmour(String text) {
    return text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
  }

  /** Base64 DER of both halves. */
  public record EncodedKeyPair(String privateKey, String publicKey) {}
}
