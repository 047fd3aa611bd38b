package io.paygate.server.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.server.ConsoleSession;
import io.paygate.server.access.Role;
import io.paygate.server.operators.Change;
import io.paygate.server.operators.OperatorAccounts;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operators on two instances over one PostgreSQL database: a change made on one ends the sessions
 * kept by the other at their next request, and two admins demoted at once, one on each instance,
 * leave one admin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresOperatorsTest extends ClusterTestSupport {

  private static final String SECOND = "second";
  private static final String SECOND_PASSWORD = "second-" + UUID.randomUUID();

  private Instance a;
  private Instance b;
  private final ExecutorService threads = Executors.newFixedThreadPool(2);

  @BeforeAll
  void startTwoInstances() {
    createDatabase();
    a = startWithSandbox("a", null, List.of());
    b = startAsApp("b", a, null, List.of());
  }

  @AfterAll
  void stopBoth() {
    threads.shutdownNow();
    for (Instance instance : new Instance[] {b, a}) {
      if (instance != null) {
        instance.context().close();
      }
    }
    dropDatabase();
  }

  /** Two admins, {@code admin} and {@code second}, and nobody else. */
  @BeforeEach
  void twoAdmins() {
    JdbcClient jdbc = a.bean(JdbcClient.class);
    jdbc.sql("DELETE FROM operators WHERE username <> 'admin'").update();
    jdbc.sql(
            "UPDATE operators SET role = 'ADMIN', locked_by_admin = FALSE,"
                + " session_version = session_version + 1 WHERE username = 'admin'")
        .update();
    assertThat(a.bean(OperatorAccounts.class).create(SECOND, SECOND_PASSWORD, Role.ADMIN)).isTrue();
  }

  @Test
  void aChangeOnOneInstanceEndsTheSessionsKeptByTheOther() {
    ConsoleSession onA = on(a, () -> logIn(SECOND, SECOND_PASSWORD));
    assertThat(onA.get("/operators").status()).isEqualTo(200);

    ConsoleSession adminOnB = on(b, this::logInAsAdmin);
    ConsoleSession.Page demoted =
        adminOnB.submit("/operators", "/operators/" + SECOND + "/role", Map.of("role", "VIEWER"));
    assertThat(demoted.status()).isEqualTo(302);

    ConsoleSession.Page next = onA.get("/operators");
    assertThat(next.status()).isEqualTo(302);
    assertThat(next.location()).endsWith("/login");

    // Removed on A, logged out on B.
    ConsoleSession onB = on(b, () -> logIn(SECOND, SECOND_PASSWORD));
    assertThat(onB.get("/").status()).isEqualTo(200);
    ConsoleSession adminOnA = on(a, this::logInAsAdmin);
    assertThat(adminOnA.submit("/operators", "/operators/" + SECOND + "/delete", Map.of()).status())
        .isEqualTo(302);
    assertThat(onB.get("/").location()).endsWith("/login");
  }

  /**
   * A's demotion holds its transaction open until B's is waiting for a row lock (PostgreSQL says so
   * in pg_stat_activity), or, were there no locks, has finished.
   */
  @Test
  void twoAdminsDemotedAtOnceOnTwoInstancesLeaveOne() throws Exception {
    JdbcClient jdbc = a.bean(JdbcClient.class);
    CountDownLatch firstChanged = new CountDownLatch(1);
    CountDownLatch commitFirst = new CountDownLatch(1);
    Future<Change> onA =
        threads.submit(
            () ->
                a.bean(TransactionTemplate.class)
                    .execute(
                        status -> {
                          Change change =
                              a.bean(OperatorAccounts.class).changeRole("admin", Role.VIEWER);
                          firstChanged.countDown();
                          try {
                            commitFirst.await();
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                          return change;
                        }));
    firstChanged.await();
    Future<Change> onB =
        threads.submit(() -> b.bean(OperatorAccounts.class).changeRole(SECOND, Role.VIEWER));
    while (!onB.isDone() && waitingForLocks(jdbc) == 0) {
      Thread.onSpinWait();
    }
    commitFirst.countDown();

    assertThat(List.of(onA.get(), onB.get())).containsExactly(Change.DONE, Change.LAST_ADMIN);
    assertThat(a.bean(OperatorAccounts.class).find(SECOND).orElseThrow().role())
        .isEqualTo(Role.ADMIN);
    assertThat(a.bean(OperatorAccounts.class).admins()).isEqualTo(1);
  }

  private static int waitingForLocks(JdbcClient jdbc) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND wait_event_type = 'Lock'")
        .query(Integer.class)
        .single();
  }
}
