package io.paygate.server.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.server.ConsoleSession;
import io.paygate.server.PayGateApplication;
import io.paygate.server.ServerTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The first admin is made once, while no admin exists at all, with its password in an owner-only
 * file and never in the output; one removed stays removed, however often the server restarts. Each
 * start is a whole server over the same H2 file in the same data directory.
 */
@Isolated("reads the captured console")
@ExtendWith(OutputCaptureExtension.class)
class FirstAdminTest extends ServerTestSupport {

  @TempDir Path dataDir;

  private ConfigurableApplicationContext start(String... extra) {
    port = freePort();
    List<String> arguments = new ArrayList<>();
    arguments.add("--server.port=" + port);
    arguments.add("--paygate.public-url=http://localhost:" + port);
    arguments.add("--paygate.data-dir=" + dataDir);
    arguments.add("--paygate.api.bootstrap-key=" + API_KEY);
    arguments.add("--paygate.jobs.enabled=false");
    arguments.add("--paygate.sandbox.background-interval=0s");
    for (String property : extra) {
      arguments.add("--" + property);
    }
    // No datasource URL: the default H2 file under the data directory, kept between starts.
    return new SpringApplicationBuilder(PayGateApplication.class)
        .run(arguments.toArray(String[]::new));
  }

  @Test
  void aRemovedAdminStaysRemovedAcrossRestarts(CapturedOutput output) throws Exception {
    Path passwordFile = dataDir.resolve(FirstAdmin.PASSWORD_FILE);
    String alicePassword = "alice-" + UUID.randomUUID();
    String password;
    try (ConfigurableApplicationContext first = start()) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
          .isEqualTo("rw-------");
      password = Files.readString(passwordFile).strip();
      assertThat(password).hasSize(20);
      assertThat(output).contains(passwordFile.toString()).doesNotContain(password);

      ConsoleSession admin = logIn("admin", password);
      ConsoleSession.Page added =
          admin.submit(
              "/operators",
              "/operators",
              Map.of("username", "alice", "password", alicePassword, "role", "ADMIN"));
      assertThat(added.status()).isEqualTo(302);
      ConsoleSession alice = logIn("alice", alicePassword);
      ConsoleSession.Page removed = alice.submit("/operators", "/operators/admin/delete", Map.of());
      assertThat(removed.status()).isEqualTo(302);
      assertThat(alice.get("/operators").body()).doesNotContain(">admin</td>");
    }
    Files.delete(passwordFile); // as the log line asks, once the first login is done

    try (ConfigurableApplicationContext again = start()) {
      assertThat(passwordFile).doesNotExist();
      assertThat(anonymousSession().logInAs("admin", password).location()).endsWith("/login?error");
      ConsoleSession alice = logIn("alice", alicePassword);
      assertThat(alice.get("/operators").body())
          .contains(">alice</td>")
          .doesNotContain(">admin</td>");
    }

    // A configured password makes no admin either while one exists.
    try (ConfigurableApplicationContext configured =
        start("paygate.console.admin-password=" + ADMIN_PASSWORD)) {
      assertThat(anonymousSession().logInAs("admin", ADMIN_PASSWORD).location())
          .endsWith("/login?error");
      assertThat(passwordFile).doesNotExist();
    }
    // Everything logged went to the captured console as well as to any log file.
    assertThat(output).doesNotContain(password);
  }
}
