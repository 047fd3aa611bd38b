package io.paygate.server.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole server's Spring context on the shared embedded PostgreSQL. Every test class here
 * extends this unchanged, so they share one cached context and one PostgreSQL; tests keep apart by
 * using their own out_trade_no values.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
abstract class PostgresTestSupport {

  static final EmbeddedPostgresServer POSTGRES = EmbeddedPostgresServer.shared();

  // Per JVM, not per class (a @TempDir would be removed under the still-cached context).
  private static final Path DATA_DIR = dataDir();
  private static final int PORT = freePort();

  @DynamicPropertySource
  static void onPostgres(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", POSTGRES::jdbcUrl);
    registry.add("spring.datasource.username", POSTGRES::username);
    registry.add("spring.datasource.password", POSTGRES::password);
    // Room for every concurrent transaction in the tests, so they wait on rows, not connections.
    registry.add("spring.datasource.hikari.maximum-pool-size", () -> 24);
    registry.add("server.port", () -> PORT);
    registry.add("paygate.public-url", () -> "http://localhost:" + PORT);
    registry.add("paygate.data-dir", DATA_DIR::toString);
    registry.add(
        "paygate.sandbox.database-url", () -> "jdbc:h2:mem:pgtest-sandbox;DB_CLOSE_DELAY=-1");
    registry.add("paygate.sandbox.background-interval", () -> "0s");
    registry.add("paygate.sandbox.enabled", () -> "true");
  }

  private static Path dataDir() {
    try {
      Path dir = Files.createTempDirectory("paygate-pgtest-");
      dir.toFile().deleteOnExit(); // only if empty: the service's log file may stay behind
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
