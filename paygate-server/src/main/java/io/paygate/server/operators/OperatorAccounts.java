package io.paygate.server.operators;

import static io.paygate.server.database.Times.column;
import static io.paygate.server.database.Times.read;

import io.paygate.server.access.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;

/**
 * The operators table: accounts for Spring Security's form login, their hashed passwords, and the
 * count of wrong passwords that locks an account for a while. Every instance reads the same rows,
 * so a lock or a new account holds on all of them at once.
 */
@Repository
public class OperatorAccounts implements UserDetailsService {

  private final JdbcClient jdbc;
  private final PasswordEncoder passwords;
  private final ConsoleProperties console;
  private final Clock clock;

  public OperatorAccounts(
      JdbcClient jdbc, PasswordEncoder passwords, ConsoleProperties console, Clock clock) {
    this.jdbc = jdbc;
    this.passwords = passwords;
    this.console = console;
    this.clock = clock;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    record Row(String hash, Role role, Instant lockedUntil) {}
    Row row =
        jdbc.sql("SELECT password_hash, role, locked_until FROM operators WHERE username = ?")
            .param(username)
            .query(
                (rs, n) ->
                    new Row(
                        rs.getString("password_hash"),
                        Role.valueOf(rs.getString("role")),
                        read(rs, "locked_until")))
            .optional()
            .orElseThrow(() -> new UsernameNotFoundException("no such operator"));
    return User.withUsername(username)
        .password(row.hash())
        .roles(row.role().name())
        .accountLocked(row.lockedUntil() != null && row.lockedUntil().isAfter(clock.instant()))
        .build();
  }

  /**
   * Makes an account; false when the name is taken.
   *
   * @param password in clear, hashed here and never kept
   */
  public boolean create(String username, String password, Role role) {
    int made =
        jdbc.sql(
                "INSERT INTO operators (username, password_hash, role, created_at)"
                    + " SELECT ?, ?, ?, ? WHERE NOT EXISTS"
                    + " (SELECT 1 FROM operators WHERE username = ?)")
            .params(
                username,
                passwords.encode(password),
                role.name(),
                column(clock.instant()),
                username)
            .update();
    return made == 1;
  }

  public boolean exists(String username) {
    return jdbc.sql("SELECT COUNT(*) FROM operators WHERE username = ?")
            .param(username)
            .query(Integer.class)
            .single()
        > 0;
  }

  public List<Operator> list() {
    return jdbc.sql(
            "SELECT username, role, created_at, locked_until FROM operators ORDER BY username")
        .query(OperatorAccounts::map)
        .list();
  }

  public Optional<Operator> find(String username) {
    return jdbc.sql(
            "SELECT username, role, created_at, locked_until FROM operators WHERE username = ?")
        .param(username)
        .query(OperatorAccounts::map)
        .optional();
  }

  public void changeRole(String username, Role role) {
    jdbc.sql("UPDATE operators SET role = ? WHERE username = ?")
        .params(role.name(), username)
        .update();
  }

  public void delete(String username) {
    jdbc.sql("DELETE FROM operators WHERE username = ?").param(username).update();
  }

  public int admins() {
    return jdbc.sql("SELECT COUNT(*) FROM operators WHERE role = 'ADMIN'")
        .query(Integer.class)
        .single();
  }

  /**
   * One more wrong password; the one that reaches the limit locks the account for the lockout and
   * starts the count again. One statement, so two instances counting at once lose no attempt.
   */
  void failedLogin(String username) {
    int limit = console.maxFailedLogins();
    jdbc.sql(
            "UPDATE operators SET"
                + " locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END,"
                + " failed_logins = CASE WHEN failed_logins + 1 >= ? THEN 0"
                + " ELSE failed_logins + 1 END"
                + " WHERE username = ?")
        .params(limit, column(clock.instant().plus(console.lockout())), limit, username)
        .update();
  }

  /** A good login forgets earlier wrong passwords; written only when there were some. */
  void succeededLogin(String username) {
    jdbc.sql(
            "UPDATE operators SET failed_logins = 0, locked_until = NULL"
                + " WHERE username = ? AND (failed_logins <> 0 OR locked_until IS NOT NULL)")
        .param(username)
        .update();
  }

  private static Operator map(ResultSet row, int n) throws SQLException {
    return new Operator(
        row.getString("username"),
        Role.valueOf(row.getString("role")),
        read(row, "created_at"),
        read(row, "locked_until"));
  }
}
