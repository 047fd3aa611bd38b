package io.paygate.sandbox.wechatpay.oauth;

import io.paygate.sandbox.clock.VirtualClock;
import io.paygate.sandbox.database.SandboxDatabase;
import io.paygate.sandbox.wechatpay.wire.WxIds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The codes of WeChat's web sign-in: issued for one payer at one appid, good for {@link #LIFETIME}
 * on the virtual clock and exchanged once, as WeChat documents its codes (5 minutes, single use).
 */
@Service
public class WxOauthCodes {

  static final Duration LIFETIME = Duration.ofMinutes(5);

  private final SandboxDatabase db;
  private final VirtualClock clock;

  public WxOauthCodes(SandboxDatabase db, VirtualClock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** What an exchange of a code found. */
  sealed interface Taken {}

  /** The code was good, and is spent now. */
  record Payer(long payerId, String scope) implements Taken {}

  /** This appid's code, exchanged before (WeChat's 40163). */
  record AlreadyUsed() implements Taken {}

  /** Unknown, expired or another appid's (WeChat's 40029). */
  record Invalid() implements Taken {}

  public String issue(String appid, long payerId, String scope) {
    // 32 letters and digits, as WeChat's codes look.
    String code = WxIds.alnum(32);
    Instant now = clock.now();
    db.jdbc()
        .update(
            "INSERT INTO wx_oauth_codes (code, appid, payer_id, scope, expires_at, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)",
            code,
            appid,
            payerId,
            scope,
            now.plus(LIFETIME).toEpochMilli(),
            now.toEpochMilli());
    return code;
  }

  /** Spends the code for the appid; a conditional update, so of two racing exchanges one wins. */
  Taken take(String appid, String code) {
    long now = clock.millis();
    int taken =
        db.jdbc()
            .update(
                "UPDATE wx_oauth_codes SET used_at = ? WHERE code = ? AND appid = ?"
                    + " AND used_at IS NULL AND expires_at > ?",
                now,
                code,
                appid,
                now);
    List<Taken> found =
        db.jdbc()
            .query(
                "SELECT payer_id, scope, used_at FROM wx_oauth_codes WHERE code = ? AND appid = ?",
                (rs, i) ->
                    taken == 1
                        ? new Payer(rs.getLong("payer_id"), rs.getString("scope"))
                        : rs.getObject("used_at") != null ? new AlreadyUsed() : new Invalid(),
                code,
                appid);
    return found.isEmpty() ? new Invalid() : found.get(0);
  }
}
