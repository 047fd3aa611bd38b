package io.paygate.sandbox.trades;

import io.paygate.sandbox.clock.VirtualClock;
import io.paygate.sandbox.problems.SandboxProblem;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Control API: {@code POST /sandbox/api/trades/{trade_no}/finish} ends a paid trade's refundable
 * period now, as the clock does after paygate.sandbox.refundable-period: the trade becomes
 * TRADE_FINISHED (refunds refused with ACQ.TRADE_HAS_FINISHED) and, for products that notify it
 * (wap, app pay, JSAPI), a TRADE_FINISHED notify goes out.
 *
 * <p>Per Alipay's async notify document (trade_status TRADE_FINISHED: 交易结束，不可退款):
 * https://docs.open.alipay.com/270/105902/, and the trade sub_code ACQ.TRADE_HAS_FINISHED.
 */
@RestController
public class FinishController {

  private final TradeRepository trades;
  private final TradeExpiry expiry;
  private final VirtualClock clock;

  public FinishController(TradeRepository trades, TradeExpiry expiry, VirtualClock clock) {
    this.trades = trades;
    this.expiry = expiry;
    this.clock = clock;
  }

  @PostMapping("/sandbox/api/trades/{tradeNo}/finish")
  FinishedView finish(@PathVariable String tradeNo) {
    Trade trade =
        trades
            .byTradeNo(tradeNo)
            .orElseThrow(() -> SandboxProblem.notFound("TRADE_NOT_FOUND", "No such trade."));
    if (!expiry.finish(trade, clock.now())) {
      throw SandboxProblem.conflict(
          "TRADE_NOT_SUCCESS",
          "Only a TRADE_SUCCESS trade can finish; this one is " + trade.status() + ".");
    }
    return new FinishedView(tradeNo, TradeStatus.TRADE_FINISHED.name());
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record FinishedView(String tradeNo, String tradeStatus) {}
}
