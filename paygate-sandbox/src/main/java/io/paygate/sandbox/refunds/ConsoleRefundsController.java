package io.paygate.sandbox.refunds;

import io.paygate.sandbox.clock.VirtualClock;
import io.paygate.sandbox.database.SandboxDatabase;
import io.paygate.sandbox.gateway.GatewayError;
import io.paygate.sandbox.problems.SandboxProblem;
import io.paygate.sandbox.trades.Trade;
import io.paygate.sandbox.trades.TradeRepository;
import io.paygate.sandbox.wire.AlipayTime;
import io.paygate.sandbox.wire.Ids;
import io.paygate.sandbox.wire.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Control API: a refund made in Alipay's merchant console, outside the merchant's API. It is
 * checked and posted as {@code alipay.trade.refund} would be, under an out_request_no Alipay makes
 * up itself, so the merchant learns of it only from the notify, a refund query or the bill.
 */
@RestController
public class ConsoleRefundsController {

  private final SandboxDatabase db;
  private final TradeRepository trades;
  private final RefundRepository refunds;
  private final RefundPosting posting;
  private final VirtualClock clock;

  public ConsoleRefundsController(
      SandboxDatabase db,
      TradeRepository trades,
      RefundRepository refunds,
      RefundPosting posting,
      VirtualClock clock) {
    this.db = db;
    this.trades = trades;
    this.refunds = refunds;
    this.posting = posting;
    this.clock = clock;
  }

  @PostMapping("/sandbox/api/trades/{tradeNo}/console-refunds")
  @ResponseStatus(HttpStatus.CREATED)
  ConsoleRefundView refund(@PathVariable String tradeNo, @RequestBody ConsoleRefund body) {
    String amountText = body == null ? null : body.refundAmount();
    BigDecimal amount =
        Optional.ofNullable(amountText)
            .flatMap(Money::parse)
            .filter(Money::inRange)
            .orElseThrow(
                () ->
                    SandboxProblem.badRequest(
                        "ACQ.REASON_TRADE_REFUND_FEE_ERR",
                        "refund_amount must be an amount from 0.01 with at most 2 decimals.",
                        "refund_amount"));
    String reason = body.refundReason();
    if (reason != null && reason.length() > 256) {
      throw SandboxProblem.badRequest(
          "ACQ.INVALID_PARAMETER", "refund_reason is at most 256 characters.", "refund_reason");
    }
    Trade named =
        trades
            .byTradeNo(tradeNo)
            .orElseThrow(
                () ->
                    SandboxProblem.notFound(
                        GatewayError.TRADE_NOT_EXIST.subCode(), "No trade " + tradeNo + "."));
    ConsoleRefundView view = db.tx().execute(status -> refundLocked(named.id(), amount, reason));
    return view;
  }

  private ConsoleRefundView refundLocked(long tradeId, BigDecimal amount, String reason) {
    Instant now = clock.now();
    Trade trade = trades.lock(tradeId).orElseThrow();
    Optional<GatewayError> refused = posting.refusal(trade, amount, false);
    if (refused.isPresent()) {
      throw SandboxProblem.conflict(refused.get().subCode(), refused.get().subMsg());
    }
    String outBizNo = newOutBizNo(tradeId, now);
    Trade refunded = posting.apply(trade, outBizNo, amount, reason, now);
    return new ConsoleRefundView(
        refunded.tradeNo(),
        refunded.outTradeNo(),
        outBizNo,
        Money.format(amount),
        Money.format(refunded.refundedAmount()),
        refunded.status().name());
  }

  /** Alipay-made request numbers: the Beijing time to the second, then random digits (26). */
  private String newOutBizNo(long tradeId, Instant now) {
    String time = AlipayTime.format(now).replaceAll("\\D", "");
    String candidate;
    do {
      candidate = time + Ids.digits(12);
    } while (refunds.find(tradeId, candidate).isPresent());
    return candidate;
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record ConsoleRefund(String refundAmount, String refundReason) {}

  /** {@code refund_fee} is the trade's cumulative refunded amount, this refund included. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record ConsoleRefundView(
      String tradeNo,
      String outTradeNo,
      String outBizNo,
      String refundAmount,
      String refundFee,
      String tradeStatus) {}
}
