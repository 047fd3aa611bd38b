package io.paygate.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.exchanges.ExchangeLog;
import io.paygate.core.payments.PaymentRepository;
import io.paygate.core.refunds.RefundRepository;
import io.paygate.core.testkit.RecordingExchangeLog;
import io.paygate.core.testkit.RepositoryContract;
import io.paygate.core.transactions.Transactions;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The fakes keep the ports' contracts, or the tests built on them prove nothing: the repository
 * contract the database runs too, and the schedule's.
 */
class FakesContractTest extends RepositoryContract {

  private InMemoryPaymentRepository payments;
  private InMemoryRefundRepository refunds;
  private RecordingExchangeLog exchanges;
  private final DirectTransactions transactions = new DirectTransactions();

  @Override
  protected void startClean() {
    payments = new InMemoryPaymentRepository(transactions);
    refunds = new InMemoryRefundRepository(payments, transactions);
    exchanges = new RecordingExchangeLog();
  }

  @Override
  protected PaymentRepository payments() {
    return payments;
  }

  @Override
  protected RefundRepository refunds() {
    return refunds;
  }

  @Override
  protected ExchangeLog exchanges() {
    return exchanges;
  }

  @Override
  protected Transactions transactions() {
    return transactions;
  }

  @Test
  void theScheduleKeepsTheEarliestPlan() {
    RecordingCheckSchedule checks = new RecordingCheckSchedule();
    Instant now = CoreFixture.START;
    checks.checkRefund("P1", "R1", now.plusSeconds(60));
    checks.checkRefund("P1", "R1", now.plusSeconds(10));
    checks.checkRefund("P1", "R1", now.plusSeconds(30));

    assertThat(checks.refundCheck("P1", "R1")).contains(now.plusSeconds(10));
    assertThat(checks.requests()).hasSize(3);
  }
}
