package io.paygate.server.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.paygate.core.channel.Channels;
import io.paygate.core.channel.InboundNotification;
import io.paygate.core.channel.NotifyReply;
import io.paygate.core.notify.Handled;
import io.paygate.core.notify.NotificationService;
import io.paygate.core.notify.NotifyAck;
import io.paygate.server.api.Problems;
import io.paygate.server.logging.LogContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The providers' asynchronous notifications, at {@code /channels/{channel}/notify} ({@code
 * /alipay/notify} is Alipay's, kept for the notify_url shops already configured). The raw body and
 * headers go to the channel untouched, which reads them in its own way and says what its provider
 * is answered: the accepted reply only after the change is committed.
 */
@RestController
public class NotifyController {

  private static final Logger log = LoggerFactory.getLogger(NotifyController.class);

  private final NotificationService notifications;
  private final Channels channels;
  private final MeterRegistry meters;

  public NotifyController(
      NotificationService notifications, Channels channels, MeterRegistry meters) {
    this.notifications = notifications;
    this.channels = channels;
    this.meters = meters;
  }

  /** A provider's notifications are a few KB; anything past this is not one. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  @PostMapping("/channels/{channel}/notify")
  public ResponseEntity<?> notify(@PathVariable("channel") String name, HttpServletRequest request)
      throws IOException {
    if (!channels.has(name)) {
      return Problems.response(
          Problems.of(HttpStatus.NOT_FOUND, "CHANNEL_NOT_FOUND", "no channel is named " + name));
    }
    return receive(name, request);
  }

  @PostMapping("/alipay/notify")
  public ResponseEntity<?> alipay(HttpServletRequest request) throws IOException {
    return notify("alipay", request);
  }

  private ResponseEntity<?> receive(String channel, HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      return tooLarge();
    }
    byte[] bytes = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
    if (bytes.length > MAX_BODY_BYTES) {
      return tooLarge();
    }
    Handled handled =
        notifications.handle(
            channel, new InboundNotification(headers(request), bytes, request.getContentType()));
    NotifyAck ack = handled.ack();
    count(ack);
    if (ack instanceof NotifyAck.Refused refused) {
      // The line names its payment when the notification was genuine.
      try (LogContext context = LogContext.trade(handled.outTradeNo())) {
        log.warn("refused a notification ({}): {}", refused.refusal(), refused.reason());
      }
    }
    NotifyReply reply = handled.reply();
    return ResponseEntity.status(reply.status())
        .contentType(MediaType.parseMediaType(reply.contentType()))
        .body(reply.body());
  }

  private static Map<String, String> headers(HttpServletRequest request) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.putIfAbsent(name, request.getHeader(name));
    }
    return headers;
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
