package io.paygate.server.apikeys;

import static io.paygate.server.database.Times.column;
import static io.paygate.server.database.Times.read;

import io.paygate.core.channel.Channels;
import io.paygate.core.channel.MerchantApps;
import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;
import io.paygate.server.PayGateProperties;
import io.paygate.server.keys.SecretFile;
import io.paygate.server.sandbox.SandboxMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The bearer keys that open the API: the bootstrap key (or, with the embedded sandbox and no key
 * configured, a development key made at first start and kept in the data directory), both admin,
 * and the keys made through {@code /api/v1/api-keys}. Only SHA-256 digests are held. A made key is
 * looked up on every request, so a revoked one is refused at once on every instance.
 */
@Component
public class ApiKeys {

  private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  static final String DEV_KEY_FILE = "dev-api-key";

  /** A key made through the API, as its list shows it: never the key itself. */
  public record MadeKey(
      String id,
      String name,
      Scope scope,
      Set<String> apps,
      String prefix,
      Instant created,
      String key) {}

  private final List<byte[]> digests = new ArrayList<>();
  private final JdbcClient jdbc;
  private final Clock clock;
  private final MerchantApps apps;

  public ApiKeys(
      ApiProperties api,
      PayGateProperties paygate,
      Environment environment,
      JdbcClient jdbc,
      Clock clock,
      Channels channels) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.apps = channels.apps();
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

  /** Who the presented key is, if it is a live key. */
  public Optional<ApiCaller> authenticate(String presented) {
    if (presented == null || presented.isEmpty()) {
      return Optional.empty();
    }
    byte[] candidate = digest(presented);
    boolean configured = false;
    for (byte[] known : digests) {
      configured |= MessageDigest.isEqual(known, candidate);
    }
    if (configured) {
      return Optional.of(new ApiCaller(callerOf(presented), Scope.ADMIN, Set.of()));
    }
    return jdbc.sql(
            "SELECT id, scope, apps FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL")
        .param(HexFormat.of().formatHex(candidate))
        .query(
            (row, n) ->
                new ApiCaller(
                    row.getString("id"),
                    Scope.parse(row.getString("scope")),
                    appsOf(row.getString("apps"))))
        .optional();
  }

  private static Set<String> appsOf(String column) {
    return column == null || column.isBlank()
        ? Set.of()
        : new TreeSet<>(Arrays.asList(column.split(",")));
  }

  /**
   * A new key from an admin's input (a name of 1 to 100 characters, a scope's name); the answer is
   * the only place the key is ever shown.
   */
  MadeKey create(String requestedName, String requestedScope) {
    return create(requestedName, requestedScope, List.of(), null);
  }

  /**
   * As {@link #create(String, String)}, the key limited to these apps (none: every app), made by
   * {@code maker}: never broader than the maker's own key (scope and apps).
   */
  MadeKey create(
      String requestedName, String requestedScope, List<String> requestedApps, ApiCaller maker) {
    String name = requestedName == null ? "" : requestedName.trim();
    if (name.isEmpty() || name.length() > 100) {
      throw PayGateException.invalid("name", "name is required, at most 100 characters");
    }
    Scope scope = Scope.parse(requestedScope);
    if (scope == null) {
      throw PayGateException.invalid("scope", "scope must be read, write or admin");
    }
    Set<String> limitedTo = new TreeSet<>();
    for (String app : requestedApps == null ? List.<String>of() : requestedApps) {
      if (app == null || !apps.names().contains(app)) {
        throw PayGateException.invalid(
            "apps", "no app named " + app + "; the apps are " + apps.names());
      }
      limitedTo.add(app);
    }
    if (maker != null) {
      notBroaderThan(maker, scope, limitedTo);
    }
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String key = "pgk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    byte[] id = new byte[12];
    RANDOM.nextBytes(id);
    MadeKey made =
        new MadeKey(
            "ak_" + Base64.getUrlEncoder().withoutPadding().encodeToString(id),
            name,
            scope,
            limitedTo,
            key.substring(0, 10),
            clock.instant(),
            key);
    jdbc.sql(
            "INSERT INTO api_keys (id, name, scope, apps, key_hash, key_prefix, created_at)"
                + " VALUES (?,?,?,?,?,?,?)")
        .params(
            made.id(),
            name,
            scope.wire(),
            limitedTo.isEmpty() ? null : String.join(",", limitedTo),
            HexFormat.of().formatHex(digest(key)),
            made.prefix(),
            column(made.created()))
        .update();
    return made;
  }

  /**
   * 403 KEY_TOO_BROAD unless a key of this scope and these apps (none: every app) is no broader
   * than the maker's.
   */
  private static void notBroaderThan(ApiCaller maker, Scope scope, Set<String> apps) {
    if (!maker.scope().covers(scope)) {
      throw new PayGateException(
          ErrorCode.KEY_TOO_BROAD,
          "this API key's scope is "
              + maker.scope().wire()
              + "; it cannot make a "
              + scope.wire()
              + " key",
          "scope",
          null);
    }
    if (maker.limited() && (apps.isEmpty() || !maker.apps().containsAll(apps))) {
      throw new PayGateException(
          ErrorCode.KEY_TOO_BROAD,
          "this API key is limited to the apps "
              + new TreeSet<>(maker.apps())
              + "; a key it makes must be limited to some of them",
          "apps",
          null);
    }
  }

  /** Whether the caller's key may see and revoke this key: one no broader in apps than its own. */
  static boolean manages(ApiCaller caller, MadeKey key) {
    return caller == null
        || !caller.limited()
        || (!key.apps().isEmpty() && caller.apps().containsAll(key.apps()));
  }

  /** The live keys made through the API, oldest first, without the keys. */
  List<MadeKey> list() {
    return jdbc.sql(
            "SELECT id, name, scope, apps, key_prefix, created_at FROM api_keys"
                + " WHERE revoked_at IS NULL ORDER BY created_at, id")
        .query(
            (row, n) ->
                new MadeKey(
                    row.getString("id"),
                    row.getString("name"),
                    Scope.parse(row.getString("scope")),
                    appsOf(row.getString("apps")),
                    row.getString("key_prefix"),
                    read(row, "created_at"),
                    null))
        .list();
  }

  /** The live keys the caller manages ({@link #manages}). */
  List<MadeKey> list(ApiCaller caller) {
    return list().stream().filter(key -> manages(caller, key)).toList();
  }

  /** Revokes a key the caller manages; false when there is no such live key. */
  boolean revoke(String id, ApiCaller caller) {
    if (list(caller).stream().noneMatch(key -> key.id().equals(id))) {
      return false;
    }
    return revoke(id);
  }

  /** Revokes a key; false when there is no live key with that id. */
  boolean revoke(String id) {
    return jdbc.sql("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
            .params(column(clock.instant()), id)
            .update()
        == 1;
  }

  /**
   * A stable name for the key that called, which is not the key: the first 16 bytes of its SHA-256,
   * in hex.
   */
  static String callerOf(String presented) {
    return "key_" + HexFormat.of().formatHex(digest(presented), 0, 16);
  }

  private static String developmentKey(Path dataDir) {
    Path file = dataDir.resolve(DEV_KEY_FILE);
    try {
      String key;
      if (Files.exists(file)) {
        SecretFile.tighten(file); // an earlier version wrote it readable by all
        key = Files.readString(file, StandardCharsets.US_ASCII).trim();
      } else {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        key = "dev_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        SecretFile.create(file, key + "\n");
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
