package io.paygate.server.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.server.ConsoleSession;
import io.paygate.server.SharedServerTest;
import io.paygate.server.access.Role;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At least one admin who can log in always remains: demoting, locking or removing the last one is
 * refused, and two changes at once that would each leave one admin are made one after the other.
 * Each test starts from two admins, {@code admin} and {@code second}, and nobody else; after it the
 * shared server has its {@code admin} again, and nobody else (other tests make their own operators
 * within themselves).
 */
class LastAdminTest extends SharedServerTest {

  private static final String SECOND = "second";
  private static final String SECOND_PASSWORD = "second-" + UUID.randomUUID();

  @Autowired OperatorAccounts accounts;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transactions;

  private final ExecutorService threads = Executors.newFixedThreadPool(2);

  @BeforeEach
  void twoAdmins() {
    jdbc.sql("DELETE FROM operators").update();
    assertThat(accounts.create("admin", ADMIN_PASSWORD, Role.ADMIN)).isTrue();
    assertThat(accounts.create(SECOND, SECOND_PASSWORD, Role.ADMIN)).isTrue();
  }

  @AfterEach
  void stopThreadsAndGiveTheSharedServerItsAdminBack() {
    threads.shutdownNow();
    jdbc.sql("DELETE FROM operators").update();
    assertThat(accounts.create("admin", ADMIN_PASSWORD, Role.ADMIN)).isTrue();
  }

  @Test
  void theLastAdminWhoCanLogInIsNeitherDemotedNorLockedNorRemoved() {
    assertThat(accounts.lock(SECOND)).isEqualTo(Change.DONE);
    // A locked admin is an admin (no first admin is made beside it), but not one who can log in.
    assertThat(accounts.admins()).isEqualTo(2);
    assertThat(accounts.changeRole("admin", Role.OPERATOR)).isEqualTo(Change.LAST_ADMIN);
    assertThat(accounts.lock("admin")).isEqualTo(Change.LAST_ADMIN);
    assertThat(accounts.delete("admin")).isEqualTo(Change.LAST_ADMIN);
    assertThat(accounts.find("admin").orElseThrow().role()).isEqualTo(Role.ADMIN);
    assertThat(accounts.find("admin").orElseThrow().lockedByAdmin()).isFalse();

    assertThat(accounts.unlock(SECOND)).isEqualTo(Change.DONE);
    assertThat(accounts.delete("admin")).isEqualTo(Change.DONE);
    assertThat(accounts.delete(SECOND)).isEqualTo(Change.LAST_ADMIN);
    assertThat(accounts.delete("nobody")).isEqualTo(Change.NO_SUCH_OPERATOR);
  }

  /**
   * The first demotion holds its transaction open until the second is waiting for the admins' row
   * locks (or, were there no locks, has finished): without them the second would still count the
   * first's admin and both would go through.
   */
  @Test
  void twoAdminsDemotedAtOnceLeaveOne() throws Exception {
    CountDownLatch firstChanged = new CountDownLatch(1);
    CountDownLatch commitFirst = new CountDownLatch(1);
    Future<Change> first =
        threads.submit(
            () ->
                transactions.execute(
                    status -> {
                      Change change = accounts.changeRole("admin", Role.VIEWER);
                      firstChanged.countDown();
                      await(commitFirst);
                      return change;
                    }));
    firstChanged.await();
    AtomicReference<Thread> secondThread = new AtomicReference<>();
    Future<Change> second =
        threads.submit(
            () -> {
              secondThread.set(Thread.currentThread());
              return accounts.changeRole(SECOND, Role.VIEWER);
            });
    while (!second.isDone() && !waiting(secondThread.get())) {
      Thread.onSpinWait();
    }
    commitFirst.countDown();

    assertThat(List.of(first.get(), second.get())).containsExactly(Change.DONE, Change.LAST_ADMIN);
    assertThat(accounts.find("admin").orElseThrow().role()).isEqualTo(Role.VIEWER);
    assertThat(accounts.find(SECOND).orElseThrow().role()).isEqualTo(Role.ADMIN);
  }

  /** The same through the console: two admins, each removing the other at the same moment. */
  @Test
  void twoAdminsRemovingEachOtherThroughTheConsoleLeaveOne() throws Exception {
    for (int round = 0; round < 3; round++) {
      if (round > 0) {
        twoAdmins();
      }
      ConsoleSession admin = logInAsAdmin();
      ConsoleSession second = logIn(SECOND, SECOND_PASSWORD);
      String adminToken = admin.csrf("/operators");
      String secondToken = second.csrf("/operators");
      CountDownLatch go = new CountDownLatch(1);
      Future<ConsoleSession.Page> byAdmin =
          threads.submit(
              () -> {
                go.await();
                return admin.post("/operators/" + SECOND + "/delete", Map.of("_csrf", adminToken));
              });
      Future<ConsoleSession.Page> bySecond =
          threads.submit(
              () -> {
                go.await();
                return second.post("/operators/admin/delete", Map.of("_csrf", secondToken));
              });
      go.countDown();
      byAdmin.get();
      bySecond.get();
      assertThat(accounts.admins()).as("round " + round).isEqualTo(1);
    }
  }

  private static boolean waiting(Thread thread) {
    return thread != null
        && switch (thread.getState()) {
          case WAITING, TIMED_WAITING, BLOCKED -> true;
          default -> false;
        };
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
