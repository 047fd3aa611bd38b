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
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operators table: accounts for Spring Security's form login, their hashed passwords, and the
 * count of wrong passwords that locks an account for a while. Every instance reads the same rows,
 * so a lock or a new account holds on all of them at once.
 *
 * <p>Each row has a session version that a new role or a lock moves on (a removal takes the row
 * away): {@link OperatorSessions} ends every session that recorded an older one. A change that
 * could take away the last admin who can log in locks every admin row first, in one order, so two
 * such changes at once are made one after the other and the second sees the first.
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
    return jdbc.sql(
            "SELECT password_hash, role, locked_until, locked_by_admin, created_at,"
                + " session_version FROM operators WHERE username = ?")
        .param(username)
        .query(
            (rs, n) -> {
              Instant lockedUntil = read(rs, "locked_until");
              return new SignedInOperator(
                  username,
                  rs.getString("password_hash"),
                  Role.valueOf(rs.getString("role")),
                  rs.getBoolean("locked_by_admin")
                      || (lockedUntil != null && lockedUntil.isAfter(clock.instant())),
                  stamp(rs));
            })
        .optional()
        .orElseThrow(() -> new UsernameNotFoundException("no such operator"));
  }

  /** The row's session stamp; empty once the operator is removed. */
  Optional<SessionStamp> sessionStamp(String username) {
    return jdbc.sql("SELECT created_at, session_version FROM operators WHERE username = ?")
        .param(username)
        .query((rs, n) -> stamp(rs))
        .optional();
  }

  private static SessionStamp stamp(ResultSet row) throws SQLException {
    return new SessionStamp(read(row, "created_at"), row.getLong("session_version"));
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

  /**
   * Makes the first admin, unless any admin exists already (whatever its name, locked or not);
   * false when one does, or when another instance made it at the same moment.
   */
  boolean createFirstAdmin(String username, String password) {
    try {
      return jdbc.sql(
                  "INSERT INTO operators (username, password_hash, role, created_at)"
                      + " SELECT ?, ?, 'ADMIN', ? WHERE NOT EXISTS"
                      + " (SELECT 1 FROM operators WHERE role = 'ADMIN')")
              .params(username, passwords.encode(password), column(clock.instant()))
              .update()
          == 1;
    } catch (DuplicateKeyException e) {
      return false; // the name is taken: by another instance's first admin, or by a non-admin
    }
  }

  /** Takes back a first admin whose password could not be handed over. */
  void removeFirstAdmin(String username) {
    jdbc.sql("DELETE FROM operators WHERE username = ? AND session_version = 0")
        .param(username)
        .update();
  }

  public List<Operator> list() {
    return jdbc.sql(
            "SELECT username, role, created_at, locked_until, locked_by_admin FROM operators"
                + " ORDER BY username")
        .query(OperatorAccounts::map)
        .list();
  }

  public Optional<Operator> find(String username) {
    return jdbc.sql(
            "SELECT username, role, created_at, locked_until, locked_by_admin FROM operators"
                + " WHERE username = ?")
        .param(username)
        .query(OperatorAccounts::map)
        .optional();
  }

  /** A new role; the operator's sessions end (a promotion too: they log in again to use it). */
  @Transactional
  public Change changeRole(String username, Role role) {
    return change(
        username,
        role != Role.ADMIN,
        () ->
            jdbc.sql(
                    "UPDATE operators SET role = ?, session_version = session_version + 1"
                        + " WHERE username = ? AND role <> ?")
                .params(role.name(), username, role.name())
                .update());
  }

  /** Removes the operator; with the row goes every session of theirs. */
  @Transactional
  public Change delete(String username) {
    return change(
        username,
        true,
        () -> jdbc.sql("DELETE FROM operators WHERE username = ?").param(username).update());
  }

  /** Locks the account until an admin unlocks it; its sessions end. */
  @Transactional
  public Change lock(String username) {
    return change(
        username,
        true,
        () ->
            jdbc.sql(
                    "UPDATE operators SET locked_by_admin = TRUE,"
                        + " session_version = session_version + 1"
                        + " WHERE username = ? AND locked_by_admin = FALSE")
                .param(username)
                .update());
  }

  /** Lifts an admin's lock and the wrong-password lock alike. */
  @Transactional
  public Change unlock(String username) {
    return change(
        username,
        false,
        () ->
            jdbc.sql(
                    "UPDATE operators SET locked_by_admin = FALSE, failed_logins = 0,"
                        + " locked_until = NULL WHERE username = ?")
                .param(username)
                .update());
  }

  /** Every admin, locked or not: the first admin is made only when there is none at all. */
  public int admins() {
    return jdbc.sql("SELECT COUNT(*) FROM operators WHERE role = 'ADMIN'")
        .query(Integer.class)
        .single();
  }

  /**
   * Makes a change to one operator in the caller's transaction. Every admin row is locked first, in
   * name order, by every such change alike: a concurrent one that could take an admin away waits
   * here until the other commits, and each statement after the locks reads what is committed by
   * then (read committed, on H2 and PostgreSQL), so the count of admins left is never one that
   * another change is about to make wrong.
   *
   * @param dropsAdmin whether the change takes the operator's admin login away, if they have one
   */
  private Change change(String username, boolean dropsAdmin, Runnable write) {
    jdbc.sql("SELECT username FROM operators WHERE role = 'ADMIN' ORDER BY username FOR UPDATE")
        .query(String.class)
        .list();
    Optional<Operator> operator = find(username);
    if (operator.isEmpty()) {
      return Change.NO_SUCH_OPERATOR;
    }
    boolean anAdminWhoCanLogIn =
        operator.get().role() == Role.ADMIN && !operator.get().lockedByAdmin();
    if (dropsAdmin && anAdminWhoCanLogIn && otherAdminsWhoCanLogIn(username) == 0) {
      return Change.LAST_ADMIN;
    }
    write.run();
    return Change.DONE;
  }

  private int otherAdminsWhoCanLogIn(String username) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM operators"
                + " WHERE role = 'ADMIN' AND locked_by_admin = FALSE AND username <> ?")
        .param(username)
        .query(Integer.class)
        .single();
  }

  /**
   * One more wrong password; the one that reaches the limit locks the account for the lockout, ends
   * its sessions (a locked account is locked out, however it was let in before) and starts the
   * count again. One statement, so two instances counting at once lose no attempt.
   */
  void failedLogin(String username) {
    int limit = console.maxFailedLogins();
    jdbc.sql(
            "UPDATE operators SET"
                + " locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END,"
                + " session_version = CASE WHEN failed_logins + 1 >= ? THEN session_version + 1"
                + " ELSE session_version END,"
                + " failed_logins = CASE WHEN failed_logins + 1 >= ? THEN 0"
                + " ELSE failed_logins + 1 END"
                + " WHERE username = ?")
        .params(limit, column(clock.instant().plus(console.lockout())), limit, limit, username)
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
        read(row, "locked_until"),
        row.getBoolean("locked_by_admin"));
  }
}
