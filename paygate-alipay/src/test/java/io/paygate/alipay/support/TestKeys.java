package io.paygate.alipay.support;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Throwaway RSA pairs made for the test run; never written anywhere. */
public final class TestKeys {

  /** The merchant app's pair. */
  public static final TestKeys APP = generate();

  /** The pair Alipay (or the stub gateway) signs with. */
  public static final TestKeys ALIPAY = generate();

  /** Some third pair nobody configured. */
  public static final TestKeys STRANGER = generate();

  private final KeyPair pair;

  private TestKeys(KeyPair pair) {
    this.pair = pair;
  }

  public static TestKeys generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return new TestKeys(generator.generateKeyPair());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Base64 PKCS#8 DER, the form the SDK wants. */
  public String privateKey() {
    return Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
  }

  /** Base64 X.509 DER. */
  public String publicKey() {
    return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
  }

  public String privateKeyPem() {
    return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
  }

  public String publicKeyPem() {
    return pem("PUBLIC KEY", pair.getPublic().getEncoded());
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
