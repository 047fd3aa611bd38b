package io.paygate.sandbox.wechatpay.refunds;

import io.paygate.sandbox.clock.VirtualClock;
import io.paygate.sandbox.database.SandboxDatabase;
import io.paygate.sandbox.wechatpay.merchants.Merchant;
import io.paygate.sandbox.wechatpay.notify.WxNotifications;
import io.paygate.sandbox.wechatpay.payers.WxPayers;
import io.paygate.sandbox.wechatpay.transactions.Transaction;
import io.paygate.sandbox.wechatpay.transactions.TransactionRepository;
import io.paygate.sandbox.wechatpay.wire.WxError;
import io.paygate.sandbox.wechatpay.wire.WxIds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Refunds of paid orders, under the order's lock: idempotent by out_refund_no, never more than was
 * paid, at most 50 per order, within a year of payment. A refund to the wallet completes at once
 * (SUCCESS) and REFUND.SUCCESS goes to the refund's notify_url once committed.
 */
@Service
public class WxRefunds {

  static final int MAX_REFUNDS = 50;
  static final Duration REFUNDABLE = Duration.ofDays(365);

  private final RefundRepository refunds;
  private final TransactionRepository transactions;
  private final WxPayers payers;
  private final WxNotifications notifications;
  private final VirtualClock clock;
  private final SandboxDatabase db;

  public WxRefunds(
      RefundRepository refunds,
      TransactionRepository transactions,
      WxPayers payers,
      WxNotifications notifications,
      VirtualClock clock,
      SandboxDatabase db) {
    this.refunds = refunds;
    this.transactions = transactions;
    this.payers = payers;
    this.notifications = notifications;
    this.clock = clock;
    this.db = db;
  }

  /** A checked refund request; exactly one of transactionId and outTradeNo is used. */
  public record NewRefund(
      String transactionId,
      String outTradeNo,
      String outRefundNo,
      String reason,
      String notifyUrl,
      long refundFen,
      long totalFen) {}

  public Refund refund(Merchant merchant, NewRefund r) {
    return refund(merchant, r, null);
  }

  /**
   * {@code processing} not null (the refund_processing fault): a new refund is accepted as
   * PROCESSING and completes that much virtual time later ({@link WxRefundCompletion}); it counts
   * against what may still be refunded from the start.
   */
  public Refund refund(Merchant merchant, NewRefund r, Duration processing) {
    return db.tx()
        .execute(
            s -> {
              Optional<Transaction> order =
                  r.outTradeNo() != null
                      ? transactions.byOutTradeNo(merchant.mchid(), r.outTradeNo())
                      : transactions.byTransactionId(merchant.mchid(), r.transactionId());
              Transaction t =
                  order
                      .flatMap(o -> transactions.lock(merchant.mchid(), o.outTradeNo()))
                      .filter(o -> o.tradeState().paid())
                      .orElseThrow(() -> WxError.of(404, "RESOURCE_NOT_EXISTS", "订单不存在"));
              Optional<Refund> same = refunds.byOutRefundNo(merchant.mchid(), r.outRefundNo());
              if (same.isPresent()) {
                Refund known = same.get();
                if (!known.outTradeNo().equals(t.outTradeNo())
                    || known.refundFen() != r.refundFen()) {
                  throw WxError.invalidRequest("商户退款单号重复，且退款参数与首次请求不一致");
                }
                return known;
              }
              if (r.totalFen() != t.totalFen()) {
                throw WxError.invalidRequest("订单金额与原订单金额不一致");
              }
              if (t.refundedFen() + r.refundFen() > t.totalFen()) {
                throw WxError.invalidRequest("申请退款金额超过订单可退金额");
              }
              List<Refund> earlier = refunds.ofOrder(merchant.mchid(), t.outTradeNo());
              if (earlier.size() >= MAX_REFUNDS) {
                throw WxError.invalidRequest("订单退款次数已超过50次");
              }
              Instant now = clock.now();
              if (now.isAfter(t.successAt().plus(REFUNDABLE))) {
                throw WxError.invalidRequest("订单已超过退款期限");
              }
              Refund refund =
                  new Refund(
                      0,
                      merchant.mchid(),
                      WxIds.refundId(now),
                      r.outRefundNo(),
                      t.outTradeNo(),
                      t.transactionId(),
                      r.reason(),
                      r.notifyUrl(),
                      r.refundFen(),
                      t.totalFen(),
                      processing == null ? "SUCCESS" : "PROCESSING",
                      now,
                      processing == null ? now : null);
              refunds.insert(refund, processing == null ? null : now.plus(processing));
              transactions.refund(t.id(), r.refundFen());
              if (processing == null) {
                settle(merchant, refund, t.payerId());
              }
              return refunds.byOutRefundNo(merchant.mchid(), r.outRefundNo()).orElseThrow();
            });
  }

  /** The money reaches the payer's wallet; REFUND.SUCCESS goes out once committed. */
  void settle(Merchant merchant, Refund refund, long payerId) {
    payers.credit(payerId, refund.refundFen());
    if (refund.notifyUrl() != null) {
      notifications.queue(
          merchant,
          new WxNotifications.Event(
              "REFUND.SUCCESS",
              "退款成功",
              "refund",
              refund.outTradeNo(),
              refund.outRefundNo(),
              refund.notifyUrl(),
              RefundJson.notification(refund)));
    }
  }

  /** The order's total, for a console refund that names only the order. */
  public Optional<Long> orderTotal(Merchant merchant, String outTradeNo) {
    return transactions.byOutTradeNo(merchant.mchid(), outTradeNo).map(Transaction::totalFen);
  }

  public Optional<Refund> find(Merchant merchant, String outRefundNo) {
    return refunds.byOutRefundNo(merchant.mchid(), outRefundNo);
  }
}
