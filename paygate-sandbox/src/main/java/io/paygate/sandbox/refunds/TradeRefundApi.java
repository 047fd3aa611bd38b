package io.paygate.sandbox.refunds;

import io.paygate.sandbox.apps.App;
import io.paygate.sandbox.buyers.Buyer;
import io.paygate.sandbox.clock.VirtualClock;
import io.paygate.sandbox.database.SandboxDatabase;
import io.paygate.sandbox.gateway.ApiOutcome;
import io.paygate.sandbox.gateway.GatewayApi;
import io.paygate.sandbox.gateway.GatewayCall;
import io.paygate.sandbox.gateway.GatewayError;
import io.paygate.sandbox.trades.Trade;
import io.paygate.sandbox.trades.TradeLookup;
import io.paygate.sandbox.trades.TradeRepository;
import io.paygate.sandbox.wire.AlipayTime;
import io.paygate.sandbox.wire.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code alipay.trade.refund}: synchronous refunds, idempotent by out_request_no (a repeat answers
 * fund_change=N), never above the paid amount; a full refund closes the trade. Under the
 * refund_processing fault a new refund is only accepted (fund_change=N, refund_fee without it) and
 * completes later ({@link RefundCompletion}).
 */
@Component
public class TradeRefundApi implements GatewayApi {

  private final SandboxDatabase db;
  private final TradeLookup lookup;
  private final TradeRepository trades;
  private final RefundRepository refunds;
  private final RefundPosting posting;
  private final VirtualClock clock;

  public TradeRefundApi(
      SandboxDatabase db,
      TradeLookup lookup,
      TradeRepository trades,
      RefundRepository refunds,
      RefundPosting posting,
      VirtualClock clock) {
    this.db = db;
    this.lookup = lookup;
    this.trades = trades;
    this.refunds = refunds;
    this.posting = posting;
    this.clock = clock;
  }

  @Override
  public String method() {
    return "alipay.trade.refund";
  }

  @Override
  public ApiOutcome handle(GatewayCall call) {
    Optional<String> amountText = call.biz().text("refund_amount");
    if (amountText.isEmpty()) {
      return invalid("缺少必选参数refund_amount");
    }
    Optional<BigDecimal> amount = Money.parse(amountText.get()).filter(Money::inRange);
    if (amount.isEmpty()) {
      return new ApiOutcome.Failure(
          GatewayError.business("ACQ.REASON_TRADE_REFUND_FEE_ERR", "退款金额无效"));
    }
    Optional<String> reason = call.biz().text("refund_reason");
    if (reason.isPresent() && reason.get().length() > 256) {
      return invalid("refund_reason长度不能超过256");
    }
    Optional<String> requestNo = call.biz().text("out_request_no");
    if (requestNo.isPresent() && requestNo.get().length() > 64) {
      return invalid("out_request_no长度不能超过64");
    }
    TradeLookup.Found found = lookup.find(call);
    if (found instanceof TradeLookup.Miss miss) {
      return miss.failure();
    }
    Trade named = ((TradeLookup.Hit) found).trade();
    // Without out_request_no the request is a full refund keyed by the out_trade_no.
    String outRequestNo = requestNo.orElse(named.outTradeNo());
    ApiOutcome outcome =
        db.tx()
            .execute(
                status ->
                    refundLocked(
                        call.app(),
                        named.id(),
                        outRequestNo,
                        requestNo.isEmpty(),
                        amount.get(),
                        reason.orElse(null),
                        call.refundProcessing()));
    return outcome;
  }

  private ApiOutcome refundLocked(
      App app,
      long tradeId,
      String outRequestNo,
      boolean implicitRequestNo,
      BigDecimal amount,
      String reason,
      Duration processing) {
    Instant now = clock.now();
    Trade trade = trades.lock(tradeId).orElseThrow();
    Optional<Refund> earlier = refunds.find(tradeId, outRequestNo);
    if (earlier.isPresent()) {
      if (earlier.get().amount().compareTo(amount) != 0) {
        return new ApiOutcome.Failure(
            GatewayError.business("ACQ.DISCORDANT_REPEAT_REQUEST", "不一致的请求"));
      }
      // A repeat answers the refund that happened, at the time it happened; one still
      // processing answers as when it was accepted (the trade's refund_fee does not include it).
      return ApiOutcome.success(answer(app, trade, "N", earlier.get().refundedAt()));
    }
    Optional<GatewayError> refused = posting.refusal(trade, amount, implicitRequestNo);
    if (refused.isPresent()) {
      return new ApiOutcome.Failure(refused.get());
    }
    if (processing != null) {
      posting.accept(trade, outRequestNo, amount, reason, now, now.plus(processing));
      return ApiOutcome.success(answer(app, trade, "N", now));
    }
    Trade refunded = posting.apply(trade, outRequestNo, amount, reason, now);
    return ApiOutcome.success(answer(app, refunded, "Y", now));
  }

  private static Map<String, Object> answer(
      App app, Trade trade, String fundChange, Instant refundedAt) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("trade_no", trade.tradeNo());
    fields.put("out_trade_no", trade.outTradeNo());
    if (trade.buyerLogonId() != null) {
      fields.put("buyer_logon_id", Buyer.mask(trade.buyerLogonId()));
    }
    fields.putAll(app.buyerField("buyer_user_id", trade.buyerUserId()));
    fields.put("fund_change", fundChange);
    fields.put("refund_fee", Money.format(trade.refundedAmount()));
    fields.put("gmt_refund_pay", AlipayTime.format(refundedAt));
    return fields;
  }

  private static ApiOutcome invalid(String detail) {
    return new ApiOutcome.Failure(GatewayError.invalidParameter(detail));
  }
}
