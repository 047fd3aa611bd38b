package io.paygate.alipay.inapp;

import com.alipay.api.response.AlipayTradeCreateResponse;
import io.paygate.alipay.gateway.AnswerMapping;
import io.paygate.core.channel.ChannelError;
import io.paygate.core.channel.Checkout;
import io.paygate.core.channel.CheckoutOutcome;
import java.util.Map;

/** alipay.trade.create's answer as a {@link CheckoutOutcome}: the trade_no for my.tradePay. */
public final class TradeCreateMapper
    implements AnswerMapping<AlipayTradeCreateResponse, CheckoutOutcome> {

  @Override
  public CheckoutOutcome success(AlipayTradeCreateResponse response) {
    String tradeNo = response.getTradeNo();
    // Without its number the buyer's app has nothing to pay: as good as no answer.
    return tradeNo == null || tradeNo.isBlank()
        ? new CheckoutOutcome.Unknown("the answer has no trade_no")
        : new CheckoutOutcome.Opened(new Checkout.JsapiPrepay(tradeNo, Map.of()));
  }

  @Override
  public CheckoutOutcome uncertain(String reason) {
    return new CheckoutOutcome.Unknown(reason);
  }

  @Override
  public CheckoutOutcome refused(ChannelError error, String description) {
    return new CheckoutOutcome.Refused(error);
  }

  @Override
  public String word(CheckoutOutcome outcome) {
    if (outcome instanceof CheckoutOutcome.Opened) {
      return "ok";
    }
    return outcome instanceof CheckoutOutcome.Refused ? "refused" : "unknown";
  }
}
