package io.paygate.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.server.ServerTestSupport;
import io.paygate.server.database.CountedStatements.Recorded;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How many statements the common paths run against the server's database, counted by a JDBC proxy
 * around its data source on the server's request threads. The same scenarios run on H2 and on
 * PostgreSQL (the subclasses).
 */
public abstract class StatementCountScenarios extends ServerTestSupport {

  private String endpoint;

  @BeforeEach
  void oneWebhookEndpoint() {
    // Nobody listens there: its attempt fails later, on a worker, outside what is counted.
    Reply created =
        api(
            "POST",
            "/api/v1/webhook-endpoints",
            Map.of("url", "http://localhost:9/hook", "events", List.of()));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    endpoint = created.json().get("id").asString();
  }

  @AfterEach
  void noEndpoint() {
    api("DELETE", "/api/v1/webhook-endpoints/" + endpoint, null);
  }

  @Test
  void createPaymentAndPayForm() {
    String[] outTradeNo = new String[1];
    List<Recorded> recorded =
        CountedStatements.during(
            () -> {
              outTradeNo[0] = createPayment("12.30", "page");
              loadPayPage(outTradeNo[0]);
            });
    report("create payment + pay form", recorded);
    // The new payment's recovery row counted: one insert, no look for one first.
    assertThat(CountedStatements.statements(recorded))
        .anyMatch(sql -> sql.startsWith("INSERT INTO payments"))
        .anyMatch(sql -> sql.toLowerCase(Locale.ROOT).startsWith("insert into scheduled_tasks"))
        .hasSizeLessThanOrEqualTo(5);
  }

  @Test
  void firstPaidNotifyAndADuplicate() {
    String outTradeNo = createPayment("12.30", "page");
    openCashier(outTradeNo);
    List<Recorded> first = CountedStatements.during(() -> payAsBuyer(outTradeNo));
    report("first paid notify (one webhook endpoint)", first);
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("PAID");

    List<Recorded> duplicate =
        CountedStatements.during(
            () -> {
              Reply redelivered = redeliverLastNotify(outTradeNo);
              assertThat(redelivered.status()).as(redelivered.body()).isLessThan(300);
            });
    report("duplicate notify", duplicate);
    assertThat(CountedStatements.statements(first)).hasSizeLessThanOrEqualTo(6);
    assertThat(first.stream().filter(Recorded::locks)).hasSize(1);
    // Its exchange record is counted: the notify is recorded as it is answered.
    assertThat(CountedStatements.statements(first)).anyMatch(sql -> sql.contains("INTO exchanges"));
    // Counted (its exchange record at least), and no more than its read and that record.
    assertThat(CountedStatements.statements(duplicate)).isNotEmpty().hasSizeLessThanOrEqualTo(2);
    assertThat(duplicate).noneMatch(Recorded::locks);
  }

  @Test
  void fullRefundAnsweredFundChangeY() {
    String outTradeNo = paidPayment("12.30");
    List<Recorded> recorded =
        CountedStatements.during(
            () -> {
              Reply refund =
                  api(
                      "POST",
                      "/api/v1/payments/" + outTradeNo + "/refunds",
                      Map.of("refund_amount", "12.30", "refund_reason", "退货"));
              assertThat(refund.status()).as(refund.body()).isLessThan(300);
              assertThat(refund.json().get("status").asString()).isEqualTo("SUCCEEDED");
            });
    report("full refund, fund_change=Y", recorded);
    assertThat(payment(outTradeNo).get("status").asString()).isEqualTo("REFUNDED");
    List<String> statements = CountedStatements.statements(recorded);
    assertThat(statements)
        .anyMatch(sql -> sql.startsWith("UPDATE refunds"))
        .hasSizeLessThanOrEqualTo(12);
    assertThat(CountedStatements.locksPerTransaction(recorded)).allMatch(locks -> locks <= 1);
    // Its recovery row is among them: inserted in the reservation's transaction, so before the
    // call, with no look for one first (a refund booked just now has none), and removed in the
    // settlement's transaction once the answer settled it.
    List<Recorded> reservation =
        recorded.subList(
            0,
            recorded.indexOf(
                recorded.stream().filter(Recorded::isCommit).findFirst().orElseThrow()));
    assertThat(reservation)
        .anyMatch(r -> r.sql().toLowerCase(Locale.ROOT).startsWith("insert into scheduled_tasks"));
    assertThat(statements)
        .noneMatch(
            sql ->
                sql.toLowerCase(Locale.ROOT).startsWith("select")
                    && sql.contains("scheduled_tasks"))
        .anyMatch(sql -> sql.startsWith("DELETE FROM scheduled_tasks"));
  }

  /** The sandbox sends the trade's last notify again, as Alipay redelivers one. */
  private Reply redeliverLastNotify(String outTradeNo) {
    long id =
        get("/sandbox/api/notifies?out_trade_no=" + outTradeNo).json().get(0).get("id").asLong();
    return postJson("/sandbox/api/notifies/" + id + "/redeliver", Map.of());
  }

  private static void report(String scenario, List<Recorded> recorded) {
    StringBuilder text = new StringBuilder(scenario).append(": ");
    text.append(CountedStatements.statements(recorded).size())
        .append(" statements, locks per transaction ")
        .append(CountedStatements.locksPerTransaction(recorded));
    recorded.forEach(r -> text.append("\n  [").append(r.thread()).append("] ").append(r.sql()));
    System.out.println(text);
  }
}
