package io.paygate.server.webhooks;

import static io.paygate.server.database.Times.column;

import io.paygate.core.payments.BookEvent;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentEvent;
import io.paygate.core.refunds.Refund;
import io.paygate.core.refunds.RefundEvent;
import io.paygate.core.refunds.RefundTransition;
import io.paygate.server.PayGateProperties;
import io.paygate.server.payments.PaymentView;
import io.paygate.server.refunds.RefundView;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox. It listens to what the books announce; for a fact the shop is told of,
 * just before the transaction of its change commits, in that same transaction, the event row and
 * one delivery row per endpoint that takes it are written, with the object as the API shows it at
 * that moment. A change that rolls back leaves no event; a committed change always has its event.
 * Once committed, the deliveries are handed to the dispatcher to be sent at once. A change made
 * outside a transaction is refused: its event could not commit with it.
 */
@Component
public class EventOutbox {

  private static final SecureRandom RANDOM = new SecureRandom();

  private record Pending(
      EventType type,
      String outTradeNo,
      String outRequestNo,
      String app,
      Supplier<Object> object) {}

  /** This transaction's events, and the latest state of each payment and refund they are about. */
  private record OfThisTransaction(
      List<Pending> events, Map<String, Payment> payments, Map<String, Refund> refunds) {}

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final JsonMapper json;
  private final Clock clock;
  private final WebhookDispatcher dispatcher;
  private final String publicUrl;

  public EventOutbox(
      JdbcClient jdbc,
      JdbcTemplate batch,
      JsonMapper json,
      Clock clock,
      WebhookDispatcher dispatcher,
      PayGateProperties properties) {
    this.batch = batch;
    this.publicUrl = properties.publicUrl();
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
    this.dispatcher = dispatcher;
  }

  /** What a payment's fact tells the shop, if anything. */
  @EventListener
  public void on(PaymentEvent event) {
    EventType type = null;
    if (event instanceof PaymentEvent.Paid paid && paid.fulfil()) {
      type = EventType.PAYMENT_SUCCEEDED;
    } else if (event instanceof PaymentEvent.Closed) {
      // A failed payment is over for the shop as a closed one is: nothing was charged.
      type = EventType.PAYMENT_CLOSED;
    } else if (event instanceof PaymentEvent.Refunded refunded && refunded.inFull()) {
      type = EventType.PAYMENT_REFUNDED;
    } else if (event instanceof PaymentEvent.AttentionRaised) {
      type = EventType.PAYMENT_NEEDS_ATTENTION;
    }
    if (!event.toldToTheShop()) {
      return;
    }
    Payment payment = event.payment();
    OfThisTransaction current = ofThisTransaction(event);
    // Shown as it is when the change commits: the latest the transaction announced.
    current.payments().put(payment.outTradeNo(), payment);
    if (type != null) {
      String no = payment.outTradeNo();
      current
          .events()
          .add(
              new Pending(
                  type,
                  no,
                  null,
                  payment.app(),
                  () -> PaymentView.of(current.payments().get(no), publicUrl)));
    }
  }

  /** What a refund's fact tells the shop, if anything. */
  @EventListener
  public void on(RefundEvent event) {
    if (!event.toldToTheShop() || !(event instanceof RefundEvent.Settled settled)) {
      return;
    }
    Refund refund = settled.refund();
    OfThisTransaction current = ofThisTransaction(event);
    String key = refund.outTradeNo() + "/" + refund.outRequestNo();
    current.refunds().put(key, refund);
    EventType type =
        settled.by() == RefundTransition.CONFIRM
            ? EventType.REFUND_SUCCEEDED
            : settled.by() == RefundTransition.FAIL ? EventType.REFUND_FAILED : null;
    if (type != null) {
      current
          .events()
          .add(
              new Pending(
                  type,
                  refund.outTradeNo(),
                  refund.outRequestNo(),
                  settled.app(),
                  () -> RefundView.of(current.refunds().get(key), settled.channel())));
    }
  }

  /**
   * The events of the current transaction, written just before it commits. A fact the shop is told
   * of outside a transaction is refused: written on its own, its event could be lost by a crash
   * after the change committed.
   */
  private OfThisTransaction ofThisTransaction(BookEvent event) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()
        || !TransactionSynchronizationManager.isSynchronizationActive()) {
      throw new IllegalStateException(
          event.getClass().getSimpleName()
              + " of "
              + event.outTradeNo()
              + " changed outside a transaction: its event would not"
              + " commit with it");
    }
    OfThisTransaction pending =
        (OfThisTransaction) TransactionSynchronizationManager.getResource(this);
    if (pending == null) {
      OfThisTransaction ofThisTransaction =
          new OfThisTransaction(new ArrayList<>(), new HashMap<>(), new HashMap<>());
      TransactionSynchronizationManager.bindResource(this, ofThisTransaction);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            private Map<String, Integer> deliveries = Map.of();

            @Override
            public void beforeCommit(boolean readOnly) {
              deliveries = write(ofThisTransaction.events());
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
    return pending;
  }

  /**
   * Writes the events (one batch) and their deliveries to every live endpoint that takes each (one
   * statement for all, choosing them as {@link WebhookEndpoint#takes} does); returns how many new
   * deliveries each endpoint has.
   */
  private Map<String, Integer> write(List<Pending> events) {
    if (events.isEmpty()) {
      return Map.of();
    }
    Instant now = clock.instant();
    List<Object[]> rows = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (Pending event : events) {
      String id = "evt_" + random();
      ids.add(id);
      Map<String, Object> envelope = new LinkedHashMap<>();
      envelope.put("id", id);
      envelope.put("type", event.type().wire());
      envelope.put("created", now);
      envelope.put("data", Map.of("object", event.object().get()));
      rows.add(
          new Object[] {
            id,
            event.type().wire(),
            event.outTradeNo(),
            event.outRequestNo(),
            json.writeValueAsString(envelope),
            column(now)
          });
    }
    batch.batchUpdate(
        "INSERT INTO events (id, type, out_trade_no, out_request_no, payload, created_at)"
            + " VALUES (?,?,?,?,?,?)",
        rows);
    // Every event's deliveries in one statement: the events as rows of (id, type, app), joined
    // with the live endpoints that take them.
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO webhook_deliveries (event_id, endpoint_id, status, attempts,"
                + " next_attempt_at, created_at)"
                + " SELECT e.event_id, w.id, 'PENDING', 0, ?, ? FROM webhook_endpoints w"
                + " JOIN (VALUES ");
    List<Object> params = new ArrayList<>(List.of(column(now), column(now)));
    for (int i = 0; i < events.size(); i++) {
      Pending event = events.get(i);
      // Typed, so that neither database has to guess a parameter's type in a VALUES row.
      sql.append(i == 0 ? "" : ", ")
          .append("(CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))");
      params.add(ids.get(i));
      params.add(listed(event.type().wire()));
      // No app: only the endpoints for every app take it (LIKE with a null matches nothing).
      params.add(event.app() == null ? null : listed(event.app()));
    }
    sql.append(
        ") AS e (event_id, type_pattern, app_pattern)"
            + " ON (w.events = '*' OR ',' || w.events || ',' LIKE e.type_pattern ESCAPE '!')"
            + " AND (w.apps IS NULL OR w.apps = ''"
            + " OR ',' || w.apps || ',' LIKE e.app_pattern ESCAPE '!')"
            + " WHERE w.deleted_at IS NULL");
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(sql.toString()).params(params).update(keys, "endpoint_id");
    Map<String, Integer> byEndpoint = new TreeMap<>();
    for (Map<String, Object> key : keys.getKeyList()) {
      byEndpoint.merge(String.valueOf(key.values().iterator().next()), 1, Integer::sum);
    }
    return byEndpoint;
  }

  /** A LIKE pattern for one name in a comma-separated list (its wildcards taken literally). */
  private static String listed(String name) {
    return "%," + name.replaceAll("([!%_])", "!$1") + ",%";
  }

  private static String random() {
    byte[] b = new byte[15];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
