package io.paygate.server.crypto;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Installs the Amazon Corretto Crypto Provider as the preferred JCA provider, or keeps the JDK's,
 * as {@code paygate.crypto.native} says.
 *
 * <p>An environment post-processor (META-INF/spring.factories) because it runs before any bean: the
 * Alipay channel parses its keys and the sandbox its CA while the context starts, and a key parsed
 * by one provider stays that provider's object. It runs for every way of starting, {@code main},
 * {@code java -jar} and each {@code @SpringBootTest} context alike, and late enough that {@code
 * application.properties}, the command line and the environment are all read (but not a test's
 * {@code @DynamicPropertySource}, which Spring adds only to the context).
 */
public class PreferredProvider implements EnvironmentPostProcessor {

  private final Log log;

  // Logging is not set up yet: the deferred log prints the line once it is.
  public PreferredProvider(DeferredLogFactory logs) {
    this.log = logs.getLog(PreferredProvider.class);
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    long started = System.nanoTime();
    SigningProvider chosen =
        SigningProvider.prefer(CryptoProperties.from(environment).nativeProvider());
    long millis = (System.nanoTime() - started) / 1_000_000;
    log.info(chosen.logLine() + " (chosen in " + millis + " ms)");
  }
}
