package io.paygate.server.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Provider;
import java.security.Security;
import java.util.List;

/**
 * The JVM's provider list as a test found it, put back when the test is done: the list is global
 * and the other tests of this JVM (Spring contexts included) must not see a test's changes.
 */
record JcaProviders(List<Provider> before) implements AutoCloseable {

  static JcaProviders snapshot() {
    return new JcaProviders(List.of(Security.getProviders()));
  }

  static boolean accpLoads() {
    return AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError() == null;
  }

  @Override
  public void close() {
    for (Provider now : Security.getProviders()) {
      Security.removeProvider(now.getName());
    }
    for (Provider provider : before) {
      Security.addProvider(provider);
    }
  }
}
