package io.paygate.server.callbacks;

import io.paygate.core.notify.NotificationService;
import io.paygate.core.notify.NotifyAck;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
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

  public AlipayNotifyController(NotificationService notifications) {
    this.notifications = notifications;
  }

  @PostMapping(value = "/alipay/notify", produces = MediaType.TEXT_PLAIN_VALUE)
  public ResponseEntity<String> notify(HttpServletRequest request) throws IOException {
    // Form bytes are ASCII once percent-encoded, so reading them as ISO-8859-1 loses nothing.
    String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    Map<String, String> parameters = RawFormParameters.parse(body);
    NotifyAck ack = notifications.handle(parameters);
    if (ack instanceof NotifyAck.Refused refused) {
      log.warn("refused a notification: {}", refused.reason());
      // Alipay reads only the body; the status tells everyone else this changed nothing.
      return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(ack.body());
    }
    return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(ack.body());
  }
}
