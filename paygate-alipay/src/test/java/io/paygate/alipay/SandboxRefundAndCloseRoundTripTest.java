package io.paygate.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.channel.CloseOutcome;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.RefundLookup;
import io.paygate.core.channel.RefundOutcome;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.channel.TradeState;
import io.paygate.core.exchanges.Exchange;
import io.paygate.core.money.Money;
import org.junit.jupiter.api.Test;

/** Refunds, refund queries and close against the sandbox. */
class SandboxRefundAndCloseRoundTripTest extends SandboxChannelSupport {

  @Test
  void partialRefundsAreAcceptedIdempotentQueryableAndCloseTheTradeWhenComplete() throws Exception {
    String outTradeNo = paidTrade("20.00");
    TradeRef trade = TradeRef.byOutTradeNo(outTradeNo);

    RefundOutcome first = channel.refund(refundOf(outTradeNo, "R1", "5.00"));
    assertThat(first).isInstanceOf(RefundOutcome.Accepted.class);
    RefundOutcome.Accepted accepted = (RefundOutcome.Accepted) first;
    assertThat(accepted.totalRefunded()).isEqualTo(Money.parse("5.00"));
    assertThat(accepted.fundChanged()).isTrue();
    assertThat(accepted.refundedAt()).isNotNull();

    // The same request again moves nothing, and says so.
    RefundOutcome again = channel.refund(refundOf(outTradeNo, "R1", "5.00"));
    assertThat(again).isInstanceOf(RefundOutcome.Accepted.class);
    assertThat(((RefundOutcome.Accepted) again).totalRefunded()).isEqualTo(Money.parse("5.00"));
    assertThat(((RefundOutcome.Accepted) again).fundChanged()).isFalse();

    RefundLookup lookup = channel.queryRefund(trade, "R1");
    assertThat(lookup).isInstanceOf(RefundLookup.Refunded.class);
    assertThat(((RefundLookup.Refunded) lookup).amount()).isEqualTo(Money.parse("5.00"));
    assertThat(((RefundLookup.Refunded) lookup).refundedAt()).isNotNull();
    assertThat(channel.queryRefund(trade, "R-NEVER-SENT"))
        .isEqualTo(new RefundLookup.NotRefunded());
    TradeLookup partly = channel.queryTrade(trade);
    assertThat(((TradeLookup.Found) partly).trade().status()).isEqualTo(TradeState.PAID);

    RefundOutcome rest = channel.refund(refundOf(outTradeNo, "R2", "15.00"));
    assertThat(((RefundOutcome.Accepted) rest).totalRefunded()).isEqualTo(Money.parse("20.00"));
    TradeLookup closed = channel.queryTrade(trade);
    assertThat(((TradeLookup.Found) closed).trade().status()).isEqualTo(TradeState.CLOSED);

    RefundOutcome tooMuch = channel.refund(refundOf(outTradeNo, "R3", "1.00"));
    assertThat(tooMuch).isInstanceOf(RefundOutcome.Refused.class);
    assertThat(exchanges.all())
        .extracting(Exchange::operation)
        .contains("refund", "queryRefund", "queryTrade");
  }

  @Test
  void aRefundOfAnUnknownTradeIsRefusedWithAlipaysCode() {
    RefundOutcome outcome = channel.refund(refundOf(unique("NONE"), "R1", "1.00"));

    assertThat(outcome).isInstanceOf(RefundOutcome.Refused.class);
    assertThat(((RefundOutcome.Refused) outcome).error().code()).isEqualTo("ACQ.TRADE_NOT_EXIST");
  }

  @Test
  void aRefundQueryForAnUnknownTradeIsNotRefunded() {
    assertThat(channel.queryRefund(TradeRef.byOutTradeNo(unique("NONE")), "R1"))
        .isEqualTo(new RefundLookup.NotRefunded());
  }

  @Test
  void closeEndsAnOpenedUnpaidTrade() throws Exception {
    String outTradeNo = unique("CL");
    submit(channel.payForm(order(outTradeNo, Product.PAGE, "3.00")));
    buyerScans(outTradeNo);
    TradeRef trade = TradeRef.byOutTradeNo(outTradeNo);
    assertThat(((TradeLookup.Found) channel.queryTrade(trade)).trade().status())
        .isEqualTo(TradeState.AWAITING_PAYMENT);

    assertThat(channel.close(trade)).isEqualTo(new CloseOutcome.Closed());

    assertThat(((TradeLookup.Found) channel.queryTrade(trade)).trade().status())
        .isEqualTo(TradeState.CLOSED);
  }

  @Test
  void closingAnOrderTheBuyerNeverOpenedFindsNothingToClose() throws Exception {
    String outTradeNo = unique("CL");
    submit(channel.payForm(order(outTradeNo, Product.PAGE, "3.00")));

    assertThat(channel.close(TradeRef.byOutTradeNo(outTradeNo)))
        .isEqualTo(new CloseOutcome.NotFound());
  }

  @Test
  void closingAPaidTradeIsRefused() throws Exception {
    String outTradeNo = paidTrade("4.00");

    CloseOutcome outcome = channel.close(TradeRef.byOutTradeNo(outTradeNo));

    assertThat(outcome).isInstanceOf(CloseOutcome.Refused.class);
    assertThat(((CloseOutcome.Refused) outcome).error().code()).isEqualTo("ACQ.TRADE_STATUS_ERROR");
  }
}
