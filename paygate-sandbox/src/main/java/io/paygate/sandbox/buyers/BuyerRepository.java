package io.paygate.sandbox.buyers;

import io.paygate.sandbox.database.SandboxDatabase;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
public class BuyerRepository {

  private static final RowMapper<Buyer> ROW =
      (rs, i) ->
          new Buyer(
              rs.getString("logon_id"),
              rs.getString("user_id"),
              rs.getString("pay_password"),
              rs.getBigDecimal("balance"),
              rs.getString("auth_code"));

  private final SandboxDatabase db;

  public BuyerRepository(SandboxDatabase db) {
    this.db = db;
  }

  public Optional<Buyer> find(String logonId) {
    return db
        .jdbc()
        .query(
            "SELECT logon_id, user_id, pay_password, balance, auth_code FROM buyers WHERE logon_id = ?",
            ROW,
            logonId)
        .stream()
        .findFirst();
  }

  public List<Buyer> findAll() {
    return db.jdbc()
        .query(
            "SELECT logon_id, user_id, pay_password, balance, auth_code FROM buyers ORDER BY created_at,"
                + " logon_id",
            ROW);
  }

  public void insert(Buyer buyer, long createdAt) {
    db.jdbc()
        .update(
            "INSERT INTO buyers (logon_id, user_id, pay_password, balance, auth_code,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?)",
            buyer.logonId(),
            buyer.userId(),
            buyer.payPassword(),
            buyer.balance(),
            buyer.authCode(),
            createdAt);
  }

  public Optional<Buyer> findByAuthCode(String authCode) {
    return db
        .jdbc()
        .query(
            "SELECT logon_id, user_id, pay_password, balance, auth_code FROM buyers"
                + " WHERE auth_code = ?",
            ROW,
            authCode)
        .stream()
        .findFirst();
  }

  /** Buyers from before auth codes existed. */
  public List<String> withoutAuthCode() {
    return db.jdbc()
        .queryForList("SELECT logon_id FROM buyers WHERE auth_code IS NULL", String.class);
  }

  public void setAuthCode(String logonId, String authCode) {
    db.jdbc()
        .update(
            "UPDATE buyers SET auth_code = ? WHERE logon_id = ? AND auth_code IS NULL",
            authCode,
            logonId);
  }

  /** Whether the buyer confirms barcode payments with their password (10003 until then). */
  public boolean passwordWait(String logonId) {
    return Boolean.TRUE.equals(
        db.jdbc()
            .queryForObject(
                "SELECT password_wait FROM buyers WHERE logon_id = ?", Boolean.class, logonId));
  }

  public boolean setPasswordWait(String logonId, boolean wait) {
    return db.jdbc().update("UPDATE buyers SET password_wait = ? WHERE logon_id = ?", wait, logonId)
        == 1;
  }

  public boolean setBalance(String logonId, BigDecimal balance) {
    return db.jdbc().update("UPDATE buyers SET balance = ? WHERE logon_id = ?", balance, logonId)
        == 1;
  }

  /** Conditional debit: false (and nothing changed) when the balance is too low. */
  public boolean debit(String logonId, BigDecimal amount) {
    return db.jdbc()
            .update(
                "UPDATE buyers SET balance = balance - ? WHERE logon_id = ? AND balance >= ?",
                amount,
                logonId,
                amount)
        == 1;
  }

  public void credit(String logonId, BigDecimal amount) {
    db.jdbc().update("UPDATE buyers SET balance = balance + ? WHERE logon_id = ?", amount, logonId);
  }
}
