package io.paygate.core.channel;

/**
 * Names a trade of one of the merchant's apps by the merchant's number, the channel's number, or
 * both.
 *
 * @param app the app the trade belongs to; null only for a channel of one app
 */
public record TradeRef(String app, String outTradeNo, String tradeNo) {

  public TradeRef {
    if (outTradeNo == null && tradeNo == null) {
      throw new IllegalArgumentException("a trade is named by out_trade_no or trade_no");
    }
  }

  /** A trade of a channel's only app, by the merchant's number. */
  public static TradeRef byOutTradeNo(String outTradeNo) {
    return new TradeRef(null, outTradeNo, null);
  }
}
