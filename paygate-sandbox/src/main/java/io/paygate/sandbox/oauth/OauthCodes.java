package io.paygate.sandbox.oauth;

import io.paygate.sandbox.clock.VirtualClock;
import io.paygate.sandbox.database.SandboxDatabase;
import io.paygate.sandbox.wire.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The auth codes of buyer sign-in: issued for one buyer and one app, valid for {@link #LIFETIME} on
 * the virtual clock, and taken once (a second exchange of the same code is refused, as at Alipay).
 */
@Service
public class OauthCodes {

  /** Alipay's auth_code is short-lived: minutes, not hours. */
  static final Duration LIFETIME = Duration.ofMinutes(5);

  private final SandboxDatabase db;
  private final VirtualClock clock;

  public OauthCodes(SandboxDatabase db, VirtualClock clock) {
    this.db = db;
    this.clock = clock;
  }

  public String issue(String appId, String buyerUserId) {
    String code = Ids.token().replace("-", "a").replace("_", "b");
    Instant now = clock.now();
    db.jdbc()
        .update(
            "INSERT INTO oauth_codes (auth_code, app_id, buyer_user_id, expires_at, created_at)"
                + " VALUES (?, ?, ?, ?, ?)",
            code,
            appId,
            buyerUserId,
            now.plus(LIFETIME).toEpochMilli(),
            now.toEpochMilli());
    return code;
  }

  /**
   * Takes the code for the app: the buyer's user id, once; empty for an unknown, expired, used or
   * other app's code. A conditional update, so of two racing exchanges one wins.
   */
  public Optional<String> take(String appId, String code) {
    long now = clock.millis();
    int taken =
        db.jdbc()
            .update(
                "UPDATE oauth_codes SET used_at = ? WHERE auth_code = ? AND app_id = ?"
                    + " AND used_at IS NULL AND expires_at > ?",
                now,
                code,
                appId,
                now);
    if (taken != 1) {
      return Optional.empty();
    }
    return db
        .jdbc()
        .queryForList(
            "SELECT buyer_user_id FROM oauth_codes WHERE auth_code = ?", String.class, code)
        .stream()
        .findFirst();
  }
}
