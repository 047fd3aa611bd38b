package io.paygate.sandbox.signing;

import java.nio.charset.Charset;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** Signs and verifies text the way Alipay does: charset bytes, PKCS#1 v1.5, Base64. */
public final class RsaSignatures {

  private RsaSignatures() {}

  public static String sign(String content, PrivateKey key, SignType type, Charset charset) {
    try {
      Signature signature = Signature.getInstance(type.jcaAlgorithm());
      signature.initSign(key);
      signature.update(content.getBytes(charset));
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing failed", e);
    }
  }

  public static boolean verify(
      String content, String base64Signature, PublicKey key, SignType type, Charset charset) {
    try {
      byte[] sig = Base64.getMimeDecoder().decode(base64Signature);
      Signature signature = Signature.getInstance(type.jcaAlgorithm());
      signature.initVerify(key);
      signature.update(content.getBytes(charset));
      return signature.verify(sig);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
