package io.paygate.sandbox.clock;

import io.paygate.sandbox.problems.SandboxProblem;
import java.time.Duration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Control API: read and advance the virtual clock; advancing runs whatever became due. */
@RestController
public class ClockController {

  private static final long MAX_SECONDS = Duration.ofDays(3650).toSeconds();

  private final VirtualClock clock;
  private final DueWorkRunner dueWork;

  public ClockController(VirtualClock clock, DueWorkRunner dueWork) {
    this.clock = clock;
    this.dueWork = dueWork;
  }

  @GetMapping("/sandbox/api/clock")
  Now now() {
    return new Now(clock.now().toString());
  }

  @PostMapping("/sandbox/api/clock/advance")
  Now advance(@RequestBody Advance body) {
    if (body.seconds() == null || body.seconds() < 0 || body.seconds() > MAX_SECONDS) {
      throw SandboxProblem.badRequest(
          "INVALID_SECONDS",
          "seconds must be a whole number from 0 to " + MAX_SECONDS + ".",
          "seconds");
    }
    clock.advance(Duration.ofSeconds(body.seconds()));
    dueWork.runAll();
    return new Now(clock.now().toString());
  }

  record Advance(Long seconds) {}

  /** {@code now} is ISO-8601 (UTC), as text so a host's Jackson date settings cannot change it. */
  record Now(String now) {}
}
