package io.paygate.sandbox.facetoface;

import io.paygate.sandbox.clock.VirtualClock;
import io.paygate.sandbox.database.SandboxDatabase;
import io.paygate.sandbox.gateway.ApiOutcome;
import io.paygate.sandbox.gateway.GatewayApi;
import io.paygate.sandbox.gateway.GatewayCall;
import io.paygate.sandbox.gateway.GatewayError;
import io.paygate.sandbox.refunds.RefundPosting;
import io.paygate.sandbox.refunds.RefundRepository;
import io.paygate.sandbox.trades.PageOrderRules;
import io.paygate.sandbox.trades.Trade;
import io.paygate.sandbox.trades.TradeLookup;
import io.paygate.sandbox.trades.TradeNotifies;
import io.paygate.sandbox.trades.TradeRepository;
import io.paygate.sandbox.trades.TradeStatus;
import io.paygate.sandbox.trades.TradeTransition;
import io.paygate.sandbox.wire.AlipayTime;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code alipay.trade.cancel} (face-to-face only): an unpaid trade closes ({@code action=close}), a
 * paid one is refunded in full and closes ({@code action=refund}); always {@code retry_flag=N}, and
 * a repeat answers the same. A precreate order nobody scanned is closed too, so its QR code dies.
 * Cancelling is possible for 24 hours after the trade was created.
 */
@Component
public class TradeCancelApi implements GatewayApi {

  static final Duration CANCEL_WINDOW = Duration.ofHours(24);

  private final SandboxDatabase db;
  private final TradeLookup lookup;
  private final TradeRepository trades;
  private final RefundRepository refunds;
  private final RefundPosting posting;
  private final TradeNotifies tradeNotifies;
  private final VirtualClock clock;

  public TradeCancelApi(
      SandboxDatabase db,
      TradeLookup lookup,
      TradeRepository trades,
      RefundRepository refunds,
      RefundPosting posting,
      TradeNotifies tradeNotifies,
      VirtualClock clock) {
    this.db = db;
    this.lookup = lookup;
    this.trades = trades;
    this.refunds = refunds;
    this.posting = posting;
    this.tradeNotifies = tradeNotifies;
    this.clock = clock;
  }

  @Override
  public String method() {
    return "alipay.trade.cancel";
  }

  @Override
  public ApiOutcome handle(GatewayCall call) {
    TradeLookup.Found found = lookup.findIncludingOrders(call);
    if (found instanceof TradeLookup.Miss miss) {
      return miss.failure();
    }
    Trade named = ((TradeLookup.Hit) found).trade();
    if (!PageOrderRules.FACE_TO_FACE.equals(named.productCode())) {
      return new ApiOutcome.Failure(GatewayError.business("ACQ.CANCEL_NOT_ALLOWED", "交易不允许撤销"));
    }
    ApiOutcome outcome = db.tx().execute(status -> cancelLocked(named.id()));
    return outcome;
  }

  private ApiOutcome cancelLocked(long id) {
    Instant now = clock.now();
    Trade trade = trades.lock(id).orElseThrow();
    if (!trade.opened()) {
      trades.apply(id, TradeTransition.OPEN, now);
      trade = trades.byId(id).orElseThrow();
    }
    if (trade.status() == TradeStatus.TRADE_CLOSED) {
      boolean refunded = trade.refundedAmount().signum() > 0;
      return answer(trade, refunded ? "refund" : "close", refunded ? trade.closedAt() : null);
    }
    if (!trade.openedAt().plus(CANCEL_WINDOW).isAfter(now)
        || trade.status() == TradeStatus.TRADE_FINISHED) {
      return new ApiOutcome.Failure(GatewayError.business("ACQ.TRADE_CANCEL_TIME_OUT", "超过撤销时间范围"));
    }
    if (trade.status() == TradeStatus.WAIT_BUYER_PAY) {
      trades.apply(id, TradeTransition.CLOSE, now);
      Trade closed = trades.byId(id).orElseThrow();
      tradeNotifies.queue(closed, Optional.empty(), now);
      return answer(closed, "close", null);
    }
    // TRADE_SUCCESS: refund whatever is not refunded (or being refunded) yet; the trade closes.
    BigDecimal rest =
        trade.totalAmount().subtract(trade.refundedAmount()).subtract(refunds.processingAmount(id));
    if (rest.signum() == 0) {
      // Only refunds still processing are left: the last of them to complete closes the trade.
      return answer(trade, "refund", now);
    }
    String requestNo =
        refunds.find(id, trade.outTradeNo()).isEmpty()
            ? trade.outTradeNo()
            : "CANCEL_" + trade.tradeNo();
    // The rest makes the refund full (once any processing ones complete), closing the trade.
    Trade closed = posting.apply(trade, requestNo, rest, "cancel", now);
    return answer(closed, "refund", now);
  }

  private static ApiOutcome answer(Trade trade, String action, Instant refundedAt) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("trade_no", trade.tradeNo());
    fields.put("out_trade_no", trade.outTradeNo());
    fields.put("retry_flag", "N");
    fields.put("action", action);
    if (refundedAt != null) {
      fields.put("gmt_refund_pay", AlipayTime.format(refundedAt));
    }
    return ApiOutcome.success(fields);
  }
}
