package io.paygate.server.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.paygate.core.notify.NotificationService;
import io.paygate.core.notify.NotifyAck;
import io.paygate.server.api.Problems;
import io.paygate.server.logging.LogContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alipay's asynchronous notifications. The answer is {@code success} only after the change is
 * committed; anything else makes Alipay deliver again. The raw body is read before any framework
 * decoding so GBK notifications verify too.
 */
@RestController
public class AlipayNotifyController {

  private static final Logger log = LoggerFactory.getLogger(AlipayNotifyController.class);

  private final NotificationService notifications;
  private final MeterRegistry meters;

  public AlipayNotifyController(NotificationService notifications, MeterRegistry meters) {
    this.notifications = notifications;
    this.meters = meters;
  }

  /** Alipay's notifications are a few KB; anything past this is not one. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  @PostMapping(value = "/alipay/notify")
  public ResponseEntity<?> notify(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      return tooLarge();
    }
    byte[] bytes = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
    if (bytes.length > MAX_BODY_BYTES) {
      return tooLarge();
    }
    // Form bytes are ASCII once percent-encoded, so reading them as ISO-8859-1 loses nothing.
    String body = new String(bytes, StandardCharsets.ISO_8859_1);
    Map<String, String> parameters = RawFormParameters.parse(body);
    NotifyAck ack;
    // Every line about this notification names its payment (the form says which, verified or not).
    try (LogContext context = LogContext.trade(parameters.get("out_trade_no"))) {
      ack = notifications.handle(parameters);
      count(ack);
      if (ack instanceof NotifyAck.Refused refused) {
        log.warn("refused a notification ({}): {}", refused.refusal(), refused.reason());
      }
    }
    if (ack instanceof NotifyAck.Refused) {
      // Alipay reads only the body; the status tells everyone else this changed nothing.
      return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(ack.body());
    }
    return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(ack.body());
  }

  /** paygate_notifies_total{outcome=applied|duplicate|refused, reason=…}: a bounded set of tags. */
  private void count(NotifyAck ack) {
    String outcome;
    String reason = "none";
    if (ack instanceof NotifyAck.Refused refused) {
      outcome = "refused";
      reason = refused.refusal().name().toLowerCase(Locale.ROOT);
    } else {
      outcome =
          NotificationService.NO_CHANGE.equals(((NotifyAck.Accepted) ack).outcome())
              ? "duplicate"
              : "applied";
    }
    meters.counter("paygate.notifies", "outcome", outcome, "reason", reason).increment();
  }

  private static ResponseEntity<ProblemDetail> tooLarge() {
    return Problems.response(
        Problems.of(
            HttpStatus.PAYLOAD_TOO_LARGE,
            "NOTIFY_TOO_LARGE",
            "a notification is at most " + MAX_BODY_BYTES + " bytes"));
  }
}
