package io.paygate.bench.run;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The physical limits: RSA-2048 SHA256withRSA as openssl and the JDK's provider do it. */
final class Limits {

  /** Operations per second, on all the threads given. */
  record Rates(double signPerSecond, double verifyPerSecond) {}

  private static final Pattern OPENSSL =
      Pattern.compile("rsa\\s+2048 bits\\s+\\S+s\\s+\\S+s\\s+([0-9.]+)\\s+([0-9.]+)");

  private Limits() {}

  /** {@code openssl speed rsa2048} on one core, if openssl is there. */
  static Optional<Rates> openssl() {
    try {
      Process speed =
          new ProcessBuilder("openssl", "speed", "-seconds", "3", "rsa2048")
              .redirectErrorStream(true)
              .start();
      String out = new String(speed.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      speed.waitFor();
      Matcher m = OPENSSL.matcher(out);
      return m.find()
          ? Optional.of(new Rates(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))))
          : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** The JDK's (or the preferred provider's) bare SHA256withRSA on this many threads. */
  static Rates jdk(int threads, Duration each) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    byte[] data =
        "app_id=2021&biz_content={...}&charset=UTF-8&method=alipay.trade.query"
            .getBytes(StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(keys.getPrivate());
    signer.update(data);
    byte[] signature = signer.sign();
    Load.Result sign =
        Load.drive(
            "sign",
            threads,
            Integer.MAX_VALUE / 4,
            each,
            () -> {
              Signature s = Signature.getInstance("SHA256withRSA");
              s.initSign(keys.getPrivate());
              s.update(data);
              return s.sign().length == 256;
            });
    Load.Result verify =
        Load.drive(
            "verify",
            threads,
            Integer.MAX_VALUE / 4,
            each,
            () -> {
              Signature s = Signature.getInstance("SHA256withRSA");
              s.initVerify(keys.getPublic());
              s.update(data);
              return s.verify(signature);
            });
    return new Rates(sign.perSecond(), verify.perSecond());
  }
}
