package io.paygate.wechatpay.trade;

import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByIdRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import io.paygate.core.channel.ChannelError;
import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.channel.CloseOutcome;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.channel.TradeState;
import io.paygate.wechatpay.gateway.WechatPayGateway;
import io.paygate.wechatpay.gateway.WxAnswer;
import io.paygate.wechatpay.wire.Fen;
import io.paygate.wechatpay.wire.WxTimes;

/**
 * Order query (by out_trade_no, or by transaction_id when that is all we have) and close. The paths
 * are the same for every product, so the Native service asks for all of them.
 */
public final class Trades {

  private final WechatPayGateway gateway;
  private final String mchid;

  public Trades(WechatPayGateway gateway, String mchid) {
    this.gateway = gateway;
    this.mchid = mchid;
  }

  /** The raw query, for callers that need more than the neutral trade (the appid). */
  public WxAnswer<Transaction> find(TradeRef trade) {
    if (trade.outTradeNo() != null) {
      QueryOrderByOutTradeNoRequest request = new QueryOrderByOutTradeNoRequest();
      request.setMchid(mchid);
      request.setOutTradeNo(trade.outTradeNo());
      return WxAnswer.of(() -> gateway.nativePay().queryOrderByOutTradeNo(request));
    }
    QueryOrderByIdRequest request = new QueryOrderByIdRequest();
    request.setMchid(mchid);
    request.setTransactionId(trade.tradeNo());
    return WxAnswer.of(() -> gateway.nativePay().queryOrderById(request));
  }

  public TradeLookup query(TradeRef trade) {
    WxAnswer<Transaction> answer = find(trade);
    if (answer instanceof WxAnswer.Ok<Transaction> ok) {
      if (ok.value() == null || ok.value().getTradeState() == null) {
        return new TradeLookup.Unknown("an order in a state PayGate does not know");
      }
      return new TradeLookup.Found(trade(ok.value()));
    }
    if (answer instanceof WxAnswer.Refused<Transaction> refused) {
      return refused.notFound()
          ? new TradeLookup.NotFound()
          : new TradeLookup.Refused(new ChannelError(refused.code(), refused.message()));
    }
    return new TradeLookup.Unknown(((WxAnswer.Unknown<Transaction>) answer).reason());
  }

  /**
   * Closes an unpaid order. WeChat Pay answers a signed 204 for an unknown number too, so this
   * never says NotFound; a paid order is refused (ORDERPAID).
   */
  public CloseOutcome close(TradeRef trade) {
    CloseOrderRequest request = new CloseOrderRequest();
    request.setMchid(mchid);
    request.setOutTradeNo(trade.outTradeNo());
    WxAnswer<Object> answer =
        WxAnswer.of(
            () -> {
              gateway.nativePay().closeOrder(request);
              return null;
            });
    if (answer instanceof WxAnswer.Ok<Object>) {
      return new CloseOutcome.Closed();
    }
    if (answer instanceof WxAnswer.Refused<Object> refused) {
      return refused.notFound()
          ? new CloseOutcome.NotFound()
          : new CloseOutcome.Refused(new ChannelError(refused.code(), refused.message()));
    }
    return new CloseOutcome.Unknown(((WxAnswer.Unknown<Object>) answer).reason());
  }

  /** A WeChat Pay order as the core's trade. */
  public static ChannelTrade trade(Transaction t) {
    return new ChannelTrade(
        t.getOutTradeNo(),
        t.getTransactionId(),
        state(t.getTradeState()),
        t.getAmount() == null || t.getAmount().getTotal() == null
            ? null
            : Fen.money(t.getAmount().getTotal()),
        null,
        t.getPayer() == null ? null : t.getPayer().getOpenid(),
        WxTimes.parse(t.getSuccessTime()));
  }

  /**
   * REFUND (转入退款) is a paid order with a refund: more refunds may follow, so it stays PAID.
   * USERPAYING and ACCEPT wait for the payer; PAYERROR and REVOKED (payment codes only) end unpaid.
   */
  static TradeState state(Transaction.TradeStateEnum state) {
    return switch (state) {
      case SUCCESS, REFUND -> TradeState.PAID;
      case NOTPAY, USERPAYING, ACCEPT -> TradeState.AWAITING_PAYMENT;
      case CLOSED, REVOKED, PAYERROR -> TradeState.CLOSED;
    };
  }
}
