package io.paygate.server.sandbox;

import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Whether the Alipay sandbox runs embedded. It does only when asked for: {@code
 * paygate.sandbox.enabled=true}, or no configuration at all (no Alipay app, the default H2 file as
 * the database; an API bootstrap key alone still counts as no configuration). An app is configured
 * by {@code paygate.alipay.app-id} or by any property under {@code paygate.alipay.apps.<name>}, as
 * the channel counts apps, so real apps never start beside an implicit sandbox. A real database
 * with no app and no explicit choice is refused at start-up (see {@link #missingChoice}), never a
 * silent switch to fake money beside real books.
 */
public final class SandboxMode {

  /** The database a fresh machine runs on, as {@code application.properties} sets it. */
  static final String DEFAULT_DATASOURCE =
      "jdbc:h2:file:${paygate.data-dir}/paygate;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64";

  private SandboxMode() {}

  public static boolean embedded(Environment environment) {
    String enabled = environment.getProperty("paygate.sandbox.enabled");
    if (enabled != null && !enabled.isBlank()) {
      return Boolean.parseBoolean(enabled.trim());
    }
    return !appConfigured(environment) && onDefaultDatabase(environment);
  }

  /**
   * Why the start must stop, when nothing says where payments go: no app, no explicit sandbox, and
   * a database other than the default H2 file. Empty when the configuration is complete.
   */
  public static Optional<String> missingChoice(Environment environment) {
    String enabled = environment.getProperty("paygate.sandbox.enabled");
    if ((enabled != null && !enabled.isBlank())
        || appConfigured(environment)
        || onDefaultDatabase(environment)) {
      return Optional.empty();
    }
    return Optional.of(
        "spring.datasource.url names a database other than the default H2 file, but no Alipay app"
            + " is configured (paygate.alipay.app-id or paygate.alipay.apps.<name>.app-id) and the embedded sandbox was not asked for"
            + " (paygate.sandbox.enabled=true). Configure the app for real payments, or set"
            + " paygate.sandbox.enabled=true to run the sandbox beside this database.");
  }

  private static boolean appConfigured(Environment environment) {
    String appId = environment.getProperty("paygate.alipay.app-id");
    if (appId != null && !appId.isBlank()) {
      return true;
    }
    // Bound as the channel's properties are (relaxed names, environment variables included): any
    // app named there is an app, even one whose app-id is still missing (the channel names it).
    return !Binder.get(environment)
        .bind("paygate.alipay.apps", Bindable.mapOf(String.class, String.class))
        .orElse(Map.of())
        .isEmpty();
  }

  private static boolean onDefaultDatabase(Environment environment) {
    String url = environment.getProperty("spring.datasource.url");
    return url == null || url.equals(environment.resolvePlaceholders(DEFAULT_DATASOURCE));
  }
}
