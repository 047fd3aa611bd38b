package io.paygate.sandbox.wechatpay.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_256_GCM as WeChat Pay encrypts notification resources and certificates: the APIv3 key's
 * UTF-8 bytes as key, a 12-character nonce's bytes as IV, the associated data as AAD, the 128-bit
 * tag appended, Base64.
 */
public final class AesGcm {

  public static final String ALGORITHM = "AEAD_AES_256_GCM";

  private AesGcm() {}

  /** An encrypted object: {@code algorithm, ciphertext, associated_data, nonce}. */
  public record Encrypted(String ciphertext, String associatedData, String nonce) {}

  public static Encrypted encrypt(String apiV3Key, String associatedData, String plaintext) {
    String nonce = WxIds.alnum(12);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
          new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return new Encrypted(Base64.getEncoder().encodeToString(sealed), associatedData, nonce);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is not available", e);
    }
  }
}
