package io.paygate.server.crypto;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.core.env.Environment;

/**
 * The cryptography settings.
 *
 * @param nativeProvider {@code paygate.crypto.native} (env {@code PAYGATE_CRYPTO_NATIVE}): prefer
 *     the Amazon Corretto Crypto Provider where its native library loads; false keeps the JDK's
 */
@ConfigurationProperties("paygate.crypto")
public record CryptoProperties(@Name("native") @DefaultValue("true") boolean nativeProvider) {

  /**
   * The same record bound from an environment before any bean exists (the provider is chosen while
   * the environment is prepared): Boot's own binder, so relaxed names, env variables and a clear
   * error naming the property for a value that is not a boolean all work as for any other setting.
   */
  static CryptoProperties from(Environment environment) {
    return Binder.get(environment).bindOrCreate("paygate.crypto", CryptoProperties.class);
  }
}
