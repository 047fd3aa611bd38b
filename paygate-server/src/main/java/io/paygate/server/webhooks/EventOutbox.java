package io.paygate.server.webhooks;

import static io.paygate.server.database.Times.column;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox. A repository that changed a payment or refund records the event here;
 * just before its transaction commits, in that same transaction, the event row and one delivery row
 * per endpoint that takes it are written, with the object as the API shows it at that moment. A
 * change that rolls back leaves no event; a committed change always has its event. Once committed,
 * the deliveries are handed to the dispatcher to be sent at once. A change made outside a
 * transaction is refused: its event could not commit with it.
 */
@Component
public class EventOutbox {

  private static final SecureRandom RANDOM = new SecureRandom();

  private record Pending(
      EventType type, String outTradeNo, String outRequestNo, Supplier<Object> object) {}

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;
  private final WebhookEndpoints endpoints;
  private final WebhookDispatcher dispatcher;

  public EventOutbox(
      JdbcClient jdbc,
      JsonMapper json,
      Clock clock,
      WebhookEndpoints endpoints,
      WebhookDispatcher dispatcher) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
    this.endpoints = endpoints;
    this.dispatcher = dispatcher;
  }

  /**
   * Records an event of the current transaction.
   *
   * @param object the API's view of the payment or refund, read when the transaction is about to
   *     commit (after every change it makes)
   */
  public void record(
      EventType type, String outTradeNo, String outRequestNo, Supplier<Object> object) {
    Pending event = new Pending(type, outTradeNo, outRequestNo, object);
    if (!TransactionSynchronizationManager.isActualTransactionActive()
        || !TransactionSynchronizationManager.isSynchronizationActive()) {
      // Written on its own, the event could be lost by a crash after the change committed.
      throw new IllegalStateException(
          type.wire()
              + " of "
              + outTradeNo
              + " changed outside a transaction: its event would not"
              + " commit with it");
    }
    @SuppressWarnings("unchecked")
    List<Pending> pending = (List<Pending>) TransactionSynchronizationManager.getResource(this);
    if (pending == null) {
      List<Pending> ofThisTransaction = new ArrayList<>();
      TransactionSynchronizationManager.bindResource(this, ofThisTransaction);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            private List<Long> deliveries = List.of();

            @Override
            public void beforeCommit(boolean readOnly) {
              deliveries = write(ofThisTransaction);
            }

            @Override
            public void afterCommit() {
              dispatcher.sendSoon(deliveries);
            }

            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(EventOutbox.this);
            }
          });
      pending = ofThisTransaction;
    }
    pending.add(event);
  }

  /** Writes the events and their deliveries; returns the deliveries' ids. */
  private List<Long> write(List<Pending> events) {
    Instant now = clock.instant();
    List<WebhookEndpoint> live = endpoints.live();
    List<Long> deliveries = new ArrayList<>();
    for (Pending event : events) {
      String id = "evt_" + random();
      Map<String, Object> envelope = new LinkedHashMap<>();
      envelope.put("id", id);
      envelope.put("type", event.type().wire());
      envelope.put("created", now);
      envelope.put("data", Map.of("object", event.object().get()));
      jdbc.sql(
              "INSERT INTO events (id, type, out_trade_no, out_request_no, payload, created_at)"
                  + " VALUES (?,?,?,?,?,?)")
          .params(
              id,
              event.type().wire(),
              event.outTradeNo(),
              event.outRequestNo(),
              json.writeValueAsString(envelope),
              column(now))
          .update();
      String app = live.stream().anyMatch(e -> !e.apps().isEmpty()) ? appOf(event) : null;
      for (WebhookEndpoint endpoint : live) {
        if (endpoint.takes(event.type().wire(), app)) {
          deliveries.add(WebhookDeliveries.insert(jdbc, id, endpoint.id(), now));
        }
      }
    }
    return deliveries;
  }

  /** The app of the event's payment, for the endpoints limited to apps. */
  private String appOf(Pending event) {
    return jdbc.sql("SELECT app FROM payments WHERE out_trade_no = ?")
        .param(event.outTradeNo())
        .query(String.class)
        .optional()
        .orElse(null);
  }

  private static String random() {
    byte[] b = new byte[15];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
