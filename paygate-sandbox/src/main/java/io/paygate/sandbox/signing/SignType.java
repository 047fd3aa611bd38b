package io.paygate.sandbox.signing;

import java.util.Optional;

/** The two RSA signature types of the gateway protocol. */
public enum SignType {
  /** Legacy SHA1withRSA. */
  RSA("SHA1withRSA"),
  /** SHA256withRSA, what every current integration uses. */
  RSA2("SHA256withRSA");

  private final String jcaAlgorithm;

  SignType(String jcaAlgorithm) {
    this.jcaAlgorithm = jcaAlgorithm;
  }

  public String jcaAlgorithm() {
    return jcaAlgorithm;
  }

  /** Alipay spells them upper case; be lenient on case as the SDKs are. */
  public static Optional<SignType> of(String text) {
    for (SignType type : values()) {
      if (type.name().equalsIgnoreCase(text)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
