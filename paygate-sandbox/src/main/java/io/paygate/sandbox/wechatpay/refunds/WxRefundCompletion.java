package io.paygate.sandbox.wechatpay.refunds;

import io.paygate.sandbox.clock.DueWork;
import io.paygate.sandbox.database.SandboxDatabase;
import io.paygate.sandbox.wechatpay.merchants.WxMerchants;
import io.paygate.sandbox.wechatpay.transactions.TransactionRepository;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Completes PROCESSING refunds when the virtual clock reaches their time: SUCCESS, the money to the
 * payer's wallet, REFUND.SUCCESS notified.
 */
@Component
public class WxRefundCompletion implements DueWork {

  private final RefundRepository refunds;
  private final TransactionRepository transactions;
  private final WxMerchants merchants;
  private final WxRefunds settlement;
  private final SandboxDatabase db;

  public WxRefundCompletion(
      RefundRepository refunds,
      TransactionRepository transactions,
      WxMerchants merchants,
      WxRefunds settlement,
      SandboxDatabase db) {
    this.refunds = refunds;
    this.transactions = transactions;
    this.merchants = merchants;
    this.settlement = settlement;
    this.db = db;
  }

  @Override
  public int runDue(Instant now) {
    int done = 0;
    for (Refund due : refunds.dueToComplete(now)) {
      Boolean completed =
          db.tx()
              .execute(
                  s -> {
                    if (!refunds.complete(due.id(), now)) {
                      return false;
                    }
                    Refund refund =
                        refunds.byOutRefundNo(due.mchid(), due.outRefundNo()).orElseThrow();
                    long payerId =
                        transactions
                            .byOutTradeNo(due.mchid(), due.outTradeNo())
                            .orElseThrow()
                            .payerId();
                    settlement.settle(merchants.find(due.mchid()).orElseThrow(), refund, payerId);
                    return true;
                  });
      if (Boolean.TRUE.equals(completed)) {
        done++;
      }
    }
    return done;
  }
}
