package io.paygate.core.reconciliation;

import io.paygate.core.channel.BillLookup;
import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.channel.CloseOutcome;
import io.paygate.core.channel.NotificationCheck;
import io.paygate.core.channel.PayOrder;
import io.paygate.core.channel.PaymentChannel;
import io.paygate.core.channel.RefundLookup;
import io.paygate.core.channel.RefundOrder;
import io.paygate.core.channel.RefundOutcome;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeRef;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** A channel that answers what the test told it: one bill, trade queries and refund queries. */
final class FakeChannel implements PaymentChannel {

  BillLookup bill = new BillLookup.Unknown("no bill set");
  final Map<String, ChannelTrade> trades = new HashMap<>();
  final Map<String, RefundLookup> refundQueries = new HashMap<>();
  int billCalls;

  @Override
  public BillLookup bill(LocalDate date) {
    billCalls++;
    return bill;
  }

  @Override
  public TradeLookup queryTrade(TradeRef trade) {
    ChannelTrade found = trades.get(trade.outTradeNo());
    return found == null ? new TradeLookup.NotFound() : new TradeLookup.Found(found);
  }

  @Override
  public RefundLookup queryRefund(TradeRef trade, String outRequestNo) {
    return refundQueries.getOrDefault(
        trade.outTradeNo() + "/" + outRequestNo, new RefundLookup.NotRefunded());
  }

  @Override
  public String payForm(PayOrder order) {
    throw new UnsupportedOperationException();
  }

  @Override
  public RefundOutcome refund(RefundOrder order) {
    throw new UnsupportedOperationException("reconciliation never sends a refund");
  }

  @Override
  public CloseOutcome close(TradeRef trade) {
    throw new UnsupportedOperationException("reconciliation never closes");
  }

  @Override
  public NotificationCheck verifyNotification(Map<String, String> parameters) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean verifyReturn(Map<String, String> parameters) {
    throw new UnsupportedOperationException();
  }
}
