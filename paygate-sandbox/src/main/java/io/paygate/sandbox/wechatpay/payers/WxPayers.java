package io.paygate.sandbox.wechatpay.payers;

import io.paygate.sandbox.database.SandboxDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The offline WeChat Pay's payers. An openid names a payer to one appid only (28 characters,
 * derived from appid and payer, so stable across restarts and different at another appid).
 */
@Service
public class WxPayers {

  /** The default payer's wallet: 1,000,000.00 yuan. */
  static final long DEFAULT_BALANCE_FEN = 100_000_000L;

  private final SandboxDatabase db;

  public WxPayers(SandboxDatabase db) {
    this.db = db;
    Integer count = db.jdbc().queryForObject("SELECT COUNT(*) FROM wx_payers", Integer.class);
    if (count == null || count == 0) {
      db.jdbc()
          .update(
              "INSERT INTO wx_payers (name, balance_fen, created_at) VALUES (?, ?, ?)",
              "sandbox payer",
              DEFAULT_BALANCE_FEN,
              System.currentTimeMillis());
    }
  }

  public List<Payer> all() {
    return db.jdbc()
        .query(
            "SELECT id, name, balance_fen FROM wx_payers ORDER BY id",
            (rs, i) ->
                new Payer(rs.getLong("id"), rs.getString("name"), rs.getLong("balance_fen")));
  }

  public Payer defaultPayer() {
    return all().get(0);
  }

  public Optional<Payer> find(long id) {
    return all().stream().filter(p -> p.id() == id).findFirst();
  }

  /** The payer this openid names at this appid, if any. */
  public Optional<Payer> byOpenid(String appid, String openid) {
    return all().stream().filter(p -> openid(appid, p).equals(openid)).findFirst();
  }

  public static String openid(String appid, Payer payer) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("openid:" + appid + ":" + payer.id()).getBytes(StandardCharsets.UTF_8));
      return "o" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Takes {@code fen} from the payer's wallet; false (nothing taken) if it holds less. */
  public boolean debit(long payerId, long fen) {
    return db.jdbc()
            .update(
                "UPDATE wx_payers SET balance_fen = balance_fen - ? WHERE id = ? AND balance_fen >= ?",
                fen,
                payerId,
                fen)
        == 1;
  }

  public void credit(long payerId, long fen) {
    db.jdbc()
        .update("UPDATE wx_payers SET balance_fen = balance_fen + ? WHERE id = ?", fen, payerId);
  }
}
