package io.paygate.alipay.trade;

import com.alipay.api.response.AlipayTradeQueryResponse;
import io.paygate.alipay.gateway.AnswerMapping;
import io.paygate.alipay.gateway.ResponseCodes;
import io.paygate.alipay.wire.AlipayAmounts;
import io.paygate.alipay.wire.AlipayTimes;
import io.paygate.alipay.wire.AlipayTradeStatuses;
import io.paygate.core.channel.ChannelError;
import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeState;
import io.paygate.core.money.Money;
import java.util.Optional;

/** alipay.trade.query's answer as a {@link TradeLookup}. */
public final class TradeQueryMapper
    implements AnswerMapping<AlipayTradeQueryResponse, TradeLookup> {

  @Override
  public boolean isNotFound(AlipayTradeQueryResponse response) {
    return ResponseCodes.isTradeNotExist(response);
  }

  @Override
  public TradeLookup notFound(ChannelError error, String description) {
    return new TradeLookup.NotFound();
  }

  @Override
  public TradeLookup uncertain(String reason) {
    return new TradeLookup.Unknown(reason);
  }

  @Override
  public TradeLookup refused(ChannelError error, String description) {
    return new TradeLookup.Refused(error);
  }

  @Override
  public String word(TradeLookup lookup) {
    if (lookup instanceof TradeLookup.Found) {
      return "ok";
    }
    if (lookup instanceof TradeLookup.NotFound) {
      return "not-found";
    }
    return lookup instanceof TradeLookup.Refused ? "refused" : "unknown";
  }

  // A success we cannot read is not a success we may act on.
  @Override
  public TradeLookup success(AlipayTradeQueryResponse response) {
    Optional<TradeState> status = AlipayTradeStatuses.read(response.getTradeStatus());
    if (status.isEmpty()) {
      return new TradeLookup.Unknown("unknown trade_status " + response.getTradeStatus());
    }
    Money total;
    try {
      total = AlipayAmounts.read(response.getTotalAmount());
    } catch (IllegalArgumentException e) {
      return new TradeLookup.Unknown("total_amount: " + e.getMessage());
    }
    if (total == null) {
      return new TradeLookup.Unknown("total_amount missing");
    }
    String buyerId =
        response.getBuyerUserId() != null ? response.getBuyerUserId() : response.getBuyerOpenId();
    return new TradeLookup.Found(
        new ChannelTrade(
            response.getOutTradeNo(),
            response.getTradeNo(),
            status.get(),
            total,
            response.getBuyerLogonId(),
            buyerId,
            AlipayTimes.of(response.getSendPayDate())));
  }
}
