package io.paygate.server.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.amazon.corretto.crypto.provider.SelfTestStatus;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who signs {@value #ALGORITHM} in this JVM now, and why that one: what the start-up line and the
 * {@code crypto} health say.
 *
 * @param provider the JCA provider's name ({@code AmazonCorrettoCryptoProvider}, {@code
 *     SunRsaSign}, …)
 * @param version its version
 * @param nativeLibrary whether it is ACCP's native code
 * @param reason why ACCP is not the one, or null when it is
 */
public record SigningProvider(
    String provider, String version, boolean nativeLibrary, String reason) {

  /** Alipay's RSA2, the signature every request, answer and notify carries. */
  public static final String ALGORITHM = "SHA256withRSA";

  /** ACCP's provider name (a constant: naming it does not load the native library). */
  public static final String ACCP = AmazonCorrettoCryptoProvider.PROVIDER_NAME;

  /**
   * Makes ACCP the preferred provider when wanted and healthy, the JDK's otherwise, and says which
   * signs now. Idempotent: every Spring context of a JVM (tests start many) may call it.
   */
  static synchronized SigningProvider prefer(boolean wanted) {
    if (!wanted) {
      // Off means the JDK's providers sign, also after an earlier context of this JVM installed it.
      Security.removeProvider(ACCP);
      return now(false);
    }
    if (whyAccpUnusable() != null) {
      // Also one registered in java.security: it would throw at the first signature.
      Security.removeProvider(ACCP);
    } else if (!isFirst(ACCP)) {
      // install() adds it at position 1, but leaves it where it is when already registered lower.
      Security.removeProvider(ACCP);
      AmazonCorrettoCryptoProvider.install();
    }
    return now(true);
  }

  /** The provider {@code Signature.getInstance("SHA256withRSA")} (as the Alipay SDK asks) gets. */
  static SigningProvider now(boolean wanted) {
    Provider signer;
    try {
      signer = Signature.getInstance(ALGORITHM).getProvider();
    } catch (NoSuchAlgorithmException e) {
      // Every JDK has SunRsaSign; a JVM without it signs nothing and is broken anyway.
      throw new IllegalStateException("no provider offers " + ALGORITHM, e);
    }
    boolean accp = ACCP.equals(signer.getName());
    String reason = null;
    if (!accp) {
      // Ask ACCP why only when wanted: loading its class loads (and costs) the native library.
      String unusable = wanted ? whyAccpUnusable() : null;
      reason =
          !wanted
              ? "off by paygate.crypto.native=false"
              : unusable != null ? unusable : ACCP + " is not installed first";
    }
    return new SigningProvider(signer.getName(), signer.getVersionStr(), accp, reason);
  }

  /** The health's details: names and versions only. */
  public Map<String, Object> details() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("algorithm", ALGORITHM);
    details.put("provider", provider);
    details.put("version", version);
    details.put("native", nativeLibrary);
    if (reason != null) {
      details.put("reason", reason);
    }
    return details;
  }

  /** The one start-up line. */
  public String logLine() {
    return nativeLibrary
        ? ALGORITHM + " is signed by " + provider + " " + version + " (native, preferred provider)"
        : ALGORITHM
            + " is signed by the JDK's "
            + provider
            + " "
            + version
            + "; "
            + ACCP
            + " not used: "
            + reason;
  }

  /** Null when ACCP's native library loaded and its self-tests pass, else what is wrong. */
  private static String whyAccpUnusable() {
    try {
      Throwable loading = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
      if (loading != null) {
        return "its native library did not load: " + loading;
      }
      // The self-tests (~0.2 s, once per JVM) are its own health check; a failed one would throw at
      // the first signature, so a failure falls back to the JDK rather than breaking payments.
      AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
      SelfTestStatus status = AmazonCorrettoCryptoProvider.INSTANCE.getSelfTestStatus();
      return status == SelfTestStatus.PASSED ? null : "its self-tests " + status;
    } catch (RuntimeException | LinkageError e) {
      // A jar for another platform, or a self-test failure: the JDK's providers still work.
      return "it is unhealthy: " + e;
    }
  }

  private static boolean isFirst(String name) {
    Provider[] providers = Security.getProviders();
    return providers.length > 0 && providers[0].getName().equals(name);
  }
}
