package io.paygate.server.recovery;

import io.paygate.core.testkit.MutableClock;
import io.paygate.server.ServerTestSupport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A server whose calls to Alipay time out before the sandbox's held answers come (so a timeout
 * fault leaves the money moved and the answer lost), with the recovery jobs run by hand on a
 * settable clock, and Alipay's own books readable: what the tests of "money moves once", recovery,
 * the settable-clock payment tests, webhooks, reconciliation, the dashboard and the exchanges'
 * retention stand on. One set of properties, declared only here, so Spring's context cache starts
 * this server once for every subclass. A subclass declares no properties or imports of its own,
 * keeps to its own order numbers, moves the clock only forward and leaves no sandbox fault behind
 * (cleared here after each test). What other tests left due is run before each test; rows that fall
 * due later run too when a test runs what is due, so a test asserts on its own rows and on deltas.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(ManualRecovery.class)
public abstract class HeldAnswersServerTest extends ServerTestSupport {

  @Autowired protected MutableClock clock;
  @Autowired protected DueChecks due;

  private static final String NAME = "held-answers";

  /** Unverified notifications stored a minute: few, so a test of the cap needs few posts. */
  public static final int UNVERIFIED_PER_MINUTE = 5;

  /** The sandbox's own database ("Alipay's books"), read directly. */
  protected final JdbcClient alipayBooks =
      JdbcClient.create(
          new DriverManagerDataSource(
              "jdbc:h2:mem:" + NAME + "-sandbox;DB_CLOSE_DELAY=-1", "sa", ""));

  @DynamicPropertySource
  static void heldAnswersProperties(DynamicPropertyRegistry registry) {
    serverProperties(registry, NAME);
    // Shorter than the sandbox's held answers, so a timeout fault times PayGate's call out.
    registry.add("paygate.alipay.read-timeout", () -> "1s");
    // A short wait for the buyer, so a barcode payment's give-up takes seconds, not Alipay's 30.
    registry.add("paygate.payments.barcode-wait", () -> "PT3S");
    registry.add("paygate.payments.barcode-poll", () -> "PT0.3S");
    // Long enough that a trickling webhook receiver still holds its attempt when the test looks.
    registry.add("paygate.webhooks.timeout", () -> "PT60S");
    registry.add("paygate.exchanges.unverified-per-minute", () -> UNVERIFIED_PER_MINUTE);
  }

  /**
   * What other tests left due (a refund of money paid after a close that no janitor ran, say) runs
   * before this test begins, so the recovery this test runs moves only what it made.
   */
  @BeforeEach
  void runWhatOthersLeftDue() {
    due.run();
  }

  @AfterEach
  void clearFaults() {
    clearSandboxFaults();
  }

  /**
   * Brings the clock behind up to the other: tests on this server move the server's clock without
   * the sandbox's, and a test that compares days across both needs them alike.
   */
  protected void clocksInStep() {
    Instant sandbox = Instant.parse(get("/sandbox/api/clock").json().get("now").asString());
    Duration behind = Duration.between(sandbox, clock.instant());
    if (behind.isNegative()) {
      clock.advance(behind.negated());
    } else {
      advanceSandbox(behind);
    }
  }

  /** Moves both clocks alike; the sandbox runs what became due (notifies, expiries). */
  protected void advanceBoth(Duration by) {
    clock.advance(by);
    advanceSandbox(by);
  }

  /** Moves both clocks alike to just past {@code at} (never back). */
  protected void advanceBothTo(Instant at) {
    Duration by = Duration.between(clock.instant(), at);
    advanceBoth(Duration.ofSeconds(Math.max(0, by.toSeconds() + 1)));
  }

  private void advanceSandbox(Duration by) {
    Reply moved = postJson("/sandbox/api/clock/advance", Map.of("seconds", by.toSeconds()));
    if (moved.status() != 200) {
      throw new AssertionError("sandbox clock: " + moved.status() + " " + moved.body());
    }
  }

  /** A POST of the API with its Idempotency-Key. */
  protected Reply post(String path, String key, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(base() + path))
            .header("Authorization", "Bearer " + API_KEY)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }
}
