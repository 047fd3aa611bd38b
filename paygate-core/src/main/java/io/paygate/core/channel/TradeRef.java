package io.paygate.core.channel;

/** Names a trade by the merchant's number, the channel's number, or both. */
public record TradeRef(String outTradeNo, String tradeNo) {

  public TradeRef {
    if (outTradeNo == null && tradeNo == null) {
      throw new IllegalArgumentException("a trade is named by out_trade_no or trade_no");
    }
  }

  public static TradeRef byOutTradeNo(String outTradeNo) {
    return new TradeRef(outTradeNo, null);
  }
}
