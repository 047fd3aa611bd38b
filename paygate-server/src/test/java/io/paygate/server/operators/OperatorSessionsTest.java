package io.paygate.server.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.server.ConsoleSession;
import io.paygate.server.SharedServerTest;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A removed, re-roled or locked operator's sessions end at their very next request, over real HTTP:
 * not one more page with the old role, not one more form.
 */
class OperatorSessionsTest extends SharedServerTest {

  private record Account(String username, String password) {}

  private Account add(ConsoleSession admin, String role) {
    Account account =
        new Account(
            role.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID(), "pw-" + UUID.randomUUID());
    ConsoleSession.Page added =
        admin.submit(
            "/operators",
            "/operators",
            Map.of("username", account.username(), "password", account.password(), "role", role));
    assertThat(added.status()).isEqualTo(302);
    return account;
  }

  private ConsoleSession logIn(Account account) {
    return logIn(account.username(), account.password());
  }

  private static void assertSentToLogin(ConsoleSession.Page page) {
    assertThat(page.status()).isEqualTo(302);
    assertThat(page.location()).endsWith("/login");
  }

  @Test
  void aRemovedOperatorIsLoggedOutOfEverySessionAtTheNextRequest() {
    ConsoleSession admin = logInAsAdmin();
    Account viewer = add(admin, "VIEWER");
    ConsoleSession laptop = logIn(viewer);
    ConsoleSession phone = logIn(viewer);
    assertThat(laptop.get("/").status()).isEqualTo(200);
    assertThat(phone.get("/").status()).isEqualTo(200);

    ConsoleSession.Page removed =
        admin.submit("/operators", "/operators/" + viewer.username() + "/delete", Map.of());
    assertThat(removed.status()).isEqualTo(302);
    assertThat(admin.get("/operators").body()).doesNotContain(">" + viewer.username() + "</td>");

    assertSentToLogin(laptop.get("/"));
    assertSentToLogin(phone.get("/payments/ANY"));
    // Ended, not only refused once: the same cookie stays logged out.
    assertSentToLogin(laptop.get("/"));
  }

  @Test
  void aRemovedAdminsSessionDoesNotComeBackWithANewAccountOfTheSameName() {
    ConsoleSession admin = logInAsAdmin();
    Account removed = add(admin, "ADMIN");
    ConsoleSession old = logIn(removed);
    assertThat(old.get("/operators").status()).isEqualTo(200);
    admin.submit("/operators", "/operators/" + removed.username() + "/delete", Map.of());
    // Made again as a viewer before the old session's next request: same name, same version.
    ConsoleSession.Page again =
        admin.submit(
            "/operators",
            "/operators",
            Map.of(
                "username",
                removed.username(),
                "password",
                "pw-" + UUID.randomUUID(),
                "role",
                "VIEWER"));
    assertThat(again.status()).isEqualTo(302);
    assertSentToLogin(old.get("/operators"));
  }

  @Test
  void aDemotedAdminDoesNotKeepTheRoleForOneMoreRequest() {
    ConsoleSession admin = logInAsAdmin();
    Account second = add(admin, "ADMIN");
    ConsoleSession session = logIn(second);
    assertThat(session.get("/operators").status()).isEqualTo(200);
    assertThat(prometheusWith(session).status()).isEqualTo(200);
    // The add-operator form, loaded while still an admin, with its token.
    String token = session.csrf("/operators");

    ConsoleSession.Page demoted =
        admin.submit(
            "/operators", "/operators/" + second.username() + "/role", Map.of("role", "VIEWER"));
    assertThat(demoted.status()).isEqualTo(302);

    String sneaked = "sneaked-" + UUID.randomUUID();
    ConsoleSession.Page attempt =
        session.post(
            "/operators",
            Map.of(
                "username",
                sneaked,
                "password",
                "pw-" + UUID.randomUUID(),
                "role",
                "ADMIN",
                "_csrf",
                token));
    assertSentToLogin(attempt);
    assertThat(admin.get("/operators").body()).doesNotContain(sneaked);
    assertSentToLogin(session.get("/"));

    // A session of theirs that reaches the actuator is ended there the same way.
    ConsoleSession other = logIn(second);
    admin.submit(
        "/operators", "/operators/" + second.username() + "/role", Map.of("role", "OPERATOR"));
    assertThat(prometheusWith(other).status()).isNotEqualTo(200);
    assertSentToLogin(other.get("/"));

    // Logged in again, they have the new role only.
    ConsoleSession again = logIn(second);
    assertThat(again.get("/").status()).isEqualTo(200);
    assertThat(again.get("/operators").status()).isEqualTo(403);
  }

  @Test
  void aLockedOperatorIsLoggedOutAndKeptOutUntilUnlocked() {
    ConsoleSession admin = logInAsAdmin();
    Account operator = add(admin, "OPERATOR");
    ConsoleSession session = logIn(operator);
    assertThat(session.get("/").status()).isEqualTo(200);

    ConsoleSession.Page locked =
        admin.submit("/operators", "/operators/" + operator.username() + "/lock", Map.of());
    assertThat(locked.status()).isEqualTo(302);
    assertSentToLogin(session.get("/"));

    ConsoleSession retry = anonymousSession();
    assertThat(retry.logInAs(operator.username(), operator.password()).location())
        .endsWith("/login?error");
    assertThat(retry.get("/login?error").body()).contains("login-locked");
    assertThat(admin.get("/operators").body()).contains("Locked by an admin");

    ConsoleSession.Page unlocked =
        admin.submit("/operators", "/operators/" + operator.username() + "/unlock", Map.of());
    assertThat(unlocked.status()).isEqualTo(302);
    assertThat(logIn(operator).get("/").status()).isEqualTo(200);
  }

  @Test
  void wrongPasswordsThatLockAnAccountEndItsSessions() {
    Account viewer = add(logInAsAdmin(), "VIEWER");
    ConsoleSession session = logIn(viewer);
    assertThat(session.get("/").status()).isEqualTo(200);
    for (int i = 0; i < 4; i++) {
      anonymousSession().logInAs(viewer.username(), "wrong-" + i);
    }
    // Wrong passwords short of the limit lock nothing and end nothing.
    assertThat(session.get("/").status()).isEqualTo(200);
    anonymousSession().logInAs(viewer.username(), "wrong-4");
    assertSentToLogin(session.get("/"));
  }

  @Test
  void aChangeRefusedEndsNoSession() {
    ConsoleSession admin = logInAsAdmin();
    ConsoleSession.Page self =
        admin.submit("/operators", "/operators/admin/role", Map.of("role", "VIEWER"));
    assertThat(self.status()).isEqualTo(302);
    ConsoleSession.Page page = admin.get("/operators");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("不能更改自己的账户");
    ConsoleSession.Page unknown =
        admin.submit("/operators", "/operators/nobody-" + UUID.randomUUID() + "/lock", Map.of());
    assertThat(unknown.status()).isEqualTo(302);
    assertThat(admin.get("/operators").body()).contains("No such operator");
  }

  private Reply prometheusWith(ConsoleSession session) {
    return send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "/actuator/prometheus"))
            .header("Cookie", "JSESSIONID=" + session.sessionId())
            .GET()
            .build());
  }
}
