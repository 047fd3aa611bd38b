package io.paygate.server.apikeys;

import io.paygate.server.PayGateProperties;
import io.paygate.server.sandbox.SandboxMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The bearer keys that open the API. Only their SHA-256 digests are held, and a presented key is
 * compared in constant time. With the embedded sandbox and no key configured, a development key is
 * made at first start and kept in the data directory.
 */
@Component
public class ApiKeys {

  private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);
  static final String DEV_KEY_FILE = "dev-api-key";

  private final List<byte[]> digests = new ArrayList<>();

  public ApiKeys(ApiProperties api, PayGateProperties paygate, Environment environment) {
    if (api.hasBootstrapKey()) {
      digests.add(digest(api.bootstrapKey().trim()));
    } else if (SandboxMode.embedded(environment)) {
      digests.add(digest(developmentKey(paygate.dataDir())));
    } else {
      log.warn(
          "No API key is configured: every /api request will be refused until"
              + " paygate.api.bootstrap-key (or PAYGATE_API_BOOTSTRAP_KEY) is set.");
    }
  }

  public boolean accepts(String presented) {
    if (presented == null || presented.isEmpty()) {
      return false;
    }
    byte[] candidate = digest(presented);
    boolean accepted = false;
    for (byte[] known : digests) {
      accepted |= MessageDigest.isEqual(known, candidate);
    }
    return accepted;
  }

  /**
   * A stable name for the key that called, which is not the key: the first 16 bytes of its SHA-256,
   * in hex.
   */
  static String callerOf(String presented) {
    return "key_" + java.util.HexFormat.of().formatHex(digest(presented), 0, 16);
  }

  private static String developmentKey(Path dataDir) {
    Path file = dataDir.resolve(DEV_KEY_FILE);
    try {
      String key;
      if (Files.exists(file)) {
        key = Files.readString(file, StandardCharsets.US_ASCII).trim();
      } else {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        key = "dev_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(dataDir);
        Files.writeString(file, key + "\n", StandardCharsets.US_ASCII);
      }
      // Where it is, never what it is: logs are read by more people than the data directory.
      log.info(
          "Development API key for the embedded sandbox is in {} (Authorization: Bearer"
              + " $(cat {}))",
          file,
          file);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the development API key in " + file, e);
    }
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
