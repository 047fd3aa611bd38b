package io.paygate.sandbox.notify;

import io.paygate.sandbox.apps.App;
import io.paygate.sandbox.apps.SandboxApps;
import io.paygate.sandbox.clock.DueWork;
import io.paygate.sandbox.clock.VirtualClock;
import io.paygate.sandbox.signing.RsaKeys;
import io.paygate.sandbox.signing.RsaSignatures;
import io.paygate.sandbox.signing.SignType;
import io.paygate.sandbox.signing.SigningContent;
import io.paygate.sandbox.support.AlipayTime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Sends notifies: the first attempt right after the change commits, then on Alipay's schedule after
 * each failed attempt, all on the virtual clock. Every attempt is recorded.
 */
@Service
public class NotifyDelivery implements DueWork {

  private static final Duration LEASE = Duration.ofMinutes(1);

  private final NotifyRepository notifies;
  private final NotifySender sender;
  private final SandboxApps apps;
  private final VirtualClock clock;

  public NotifyDelivery(
      NotifyRepository notifies, NotifySender sender, SandboxApps apps, VirtualClock clock) {
    this.notifies = notifies;
    this.sender = sender;
    this.apps = apps;
    this.clock = clock;
  }

  /** The scheduled attempt of one notify, if it is (still) due. */
  public void deliverIfDue(long id) {
    Instant now = clock.now();
    if (!notifies.claim(id, now, now.plus(LEASE))) {
      return;
    }
    Notify notify = notifies.find(id).orElseThrow();
    boolean acknowledged = attempt(notify, now);
    if (acknowledged) {
      notifies.markDelivered(id);
      return;
    }
    int made = notify.scheduledAttempts() + 1;
    notifies.reschedule(id, made, RetrySchedule.next(made, now).orElse(null));
  }

  /** Sends the same notify (same notify_id) once more, now, outside the schedule. */
  public boolean redeliver(long id) {
    Notify notify = notifies.find(id).orElseThrow();
    boolean acknowledged = attempt(notify, clock.now());
    if (acknowledged) {
      notifies.markDelivered(id);
    }
    return acknowledged;
  }

  @Override
  public int runDue(Instant now) {
    var due = notifies.dueIds(now);
    due.forEach(this::deliverIfDue);
    return due.size();
  }

  private boolean attempt(Notify notify, Instant now) {
    App app = apps.find(notify.appId()).orElseThrow();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("notify_time", AlipayTime.format(now));
    form.putAll(notify.params());
    String content = SigningContent.of(form, SigningContent.NOTIFY_EXCLUDED);
    form.put("sign_type", "RSA2");
    form.put(
        "sign",
        RsaSignatures.sign(
            content,
            RsaKeys.privateKey(app.alipayPrivateKey()),
            SignType.RSA2,
            StandardCharsets.UTF_8));
    NotifySender.Reply reply = sender.send(notify.notifyUrl(), form);
    notifies.recordAttempt(new NotifyAttempt(notify.id(), now, reply.httpStatus(), reply.body()));
    return reply.acknowledged();
  }
}
