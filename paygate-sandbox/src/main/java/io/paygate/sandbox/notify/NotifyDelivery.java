package io.paygate.sandbox.notify;

import io.paygate.sandbox.apps.App;
import io.paygate.sandbox.apps.SandboxApps;
import io.paygate.sandbox.clock.DueWork;
import io.paygate.sandbox.clock.VirtualClock;
import io.paygate.sandbox.database.SandboxDatabase;
import io.paygate.sandbox.faults.NotifyFaults;
import io.paygate.sandbox.signing.SignedParams;
import io.paygate.sandbox.wire.AlipayTime;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Sends notifies: the first attempt right after the change commits, then on Alipay's schedule after
 * each failed attempt, all on the virtual clock. Every attempt is recorded. Notify faults act here:
 * drop, delay and reorder when the first attempt is due; duplicate, GBK and a forged sign on any
 * attempt.
 */
@Service
public class NotifyDelivery implements DueWork {

  private static final Duration LEASE = Duration.ofMinutes(1);

  /**
   * How long (real time) an attempt holds its notify at most; longer than any send (two posts with
   * their timeouts). Settling the attempt lets go earlier.
   */
  private static final Duration CLAIM = Duration.ofMinutes(5);

  /** A notify held back for reordering goes out by itself after this, if nothing overtakes it. */
  static final Duration MAX_HOLD = RetrySchedule.INTERVALS.get(0);

  static final String DROPPED = "dropped (fault injection)";

  private static final Charset GBK = Charset.forName("GBK");

  private final NotifyRepository notifies;
  private final NotifySender sender;
  private final SandboxApps apps;
  private final VirtualClock clock;
  private final NotifyFaults faults;
  private final SandboxDatabase db;

  public NotifyDelivery(
      NotifyRepository notifies,
      NotifySender sender,
      SandboxApps apps,
      VirtualClock clock,
      NotifyFaults faults,
      SandboxDatabase db) {
    this.notifies = notifies;
    this.sender = sender;
    this.apps = apps;
    this.clock = clock;
    this.faults = faults;
    this.db = db;
  }

  /**
   * The first attempt of a notify just queued, made once the transaction that queued it commits
   * (never if it rolls back): a notify never tells of a change that did not happen.
   */
  public void deliverAfterCommit(long id) {
    db.afterCommit(() -> deliverIfDue(id));
  }

  /** The scheduled attempt of one notify, if it is (still) due; false if it was not taken. */
  public boolean deliverIfDue(long id) {
    Instant now = clock.now();
    Instant realNow = Instant.now();
    if (!notifies.claim(id, now, now.plus(LEASE), realNow, realNow.plus(CLAIM))) {
      return false;
    }
    Notify notify = notifies.find(id).orElseThrow();
    if (!notify.faultsDecided() && notify.scheduledAttempts() == 0) {
      NotifyFaults.Scheduling scheduling = faults.scheduling();
      if (scheduling instanceof NotifyFaults.Drop) {
        notifies.decideFaults(id, true, false, null);
        notifies.recordAttempt(new NotifyAttempt(id, now, null, DROPPED));
        return true;
      }
      if (scheduling instanceof NotifyFaults.Delay delay) {
        notifies.decideFaults(id, false, false, now.plus(delay.by()));
        return true;
      }
      if (scheduling instanceof NotifyFaults.HoldBack) {
        notifies.decideFaults(id, false, true, now.plus(MAX_HOLD));
        return true;
      }
      notifies.decideNoFaults(id);
    }
    boolean acknowledged = attempt(notify, now);
    if (acknowledged) {
      notifies.markDelivered(id);
    } else {
      int made = notify.scheduledAttempts() + 1;
      notifies.reschedule(id, made, RetrySchedule.next(made, now).orElse(null));
    }
    releaseHeldBehind(notify, now);
    return true;
  }

  /** Sends the same notify (same notify_id) once more, now, outside the schedule. */
  public boolean redeliver(long id) {
    Notify notify = notifies.find(id).orElseThrow();
    Instant now = clock.now();
    boolean acknowledged = attempt(notify, now);
    if (acknowledged) {
      notifies.markDelivered(id);
    }
    releaseHeldBehind(notify, now);
    return acknowledged;
  }

  @Override
  public int runDue(Instant now) {
    int taken = 0;
    for (long id : notifies.dueIds(now)) {
      if (deliverIfDue(id)) {
        taken++;
      }
    }
    return taken;
  }

  /** A notify went out: the ones a reorder fault held back for this app follow it now. */
  private void releaseHeldBehind(Notify sent, Instant now) {
    List<Long> released = notifies.releaseHeld(sent.appId(), sent.id(), now);
    released.forEach(this::deliverIfDue);
  }

  private boolean attempt(Notify notify, Instant now) {
    App app = apps.find(notify.appId()).orElseThrow();
    NotifyFaults.Sending sending = faults.sending();
    Charset charset = sending.gbk() ? GBK : StandardCharsets.UTF_8;
    Map<String, String> form = new LinkedHashMap<>();
    form.put("notify_time", AlipayTime.format(now));
    form.putAll(notify.params());
    if (sending.gbk()) {
      form.put("charset", "gbk");
    }
    Map<String, String> signed =
        SignedParams.sign(form, apps.keys(app).alipayPrivateKey(), charset, sending.badSignature());
    int sends = sending.duplicate() ? 2 : 1;
    boolean acknowledged = false;
    for (int i = 0; i < sends; i++) {
      NotifySender.Reply reply = sender.send(notify.notifyUrl(), signed, charset);
      notifies.recordAttempt(new NotifyAttempt(notify.id(), now, reply.httpStatus(), reply.body()));
      acknowledged |= reply.acknowledged();
    }
    return acknowledged;
  }
}
