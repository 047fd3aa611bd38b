package io.paygate.alipay.trade;

import com.alipay.api.domain.AlipayTradeCancelModel;
import com.alipay.api.domain.AlipayTradeCloseModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.request.AlipayTradeCancelRequest;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import io.paygate.alipay.gateway.SdkInternals;
import io.paygate.core.channel.TradeRef;

/** Requests about an existing trade, built from the SDK's models (never from strings). */
public final class TradeRequests {

  private TradeRequests() {}

  public static AlipayTradeQueryRequest query(TradeRef trade) {
    AlipayTradeQueryModel model = new AlipayTradeQueryModel();
    model.setOutTradeNo(trade.outTradeNo());
    model.setTradeNo(trade.tradeNo());
    AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
    request.setBizContent(SdkInternals.bizContent(model));
    return request;
  }

  public static AlipayTradeCloseRequest close(TradeRef trade) {
    AlipayTradeCloseModel model = new AlipayTradeCloseModel();
    model.setOutTradeNo(trade.outTradeNo());
    model.setTradeNo(trade.tradeNo());
    AlipayTradeCloseRequest request = new AlipayTradeCloseRequest();
    request.setBizContent(SdkInternals.bizContent(model));
    return request;
  }

  public static AlipayTradeCancelRequest cancel(TradeRef trade) {
    AlipayTradeCancelModel model = new AlipayTradeCancelModel();
    model.setOutTradeNo(trade.outTradeNo());
    model.setTradeNo(trade.tradeNo());
    AlipayTradeCancelRequest request = new AlipayTradeCancelRequest();
    request.setBizContent(SdkInternals.bizContent(model));
    return request;
  }
}
