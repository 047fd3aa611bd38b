package io.paygate.server.crypto;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
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

  /**
   * A throwaway RSA-2048 key pair made by the JDK's provider, for a test that compares providers;
   * skips the test where ACCP's native library does not load.
   */
  static KeyPair jdkKeysWhereAccpLoads() throws GeneralSecurityException {
    assumeTrue(
        accpLoads(),
        () -> "ACCP did not load: " + AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError());
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", "SunRsaSign");
    generator.initialize(2048);
    return generator.generateKeyPair();
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
