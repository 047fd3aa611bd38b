package io.paygate.alipay.refund;

import com.alipay.api.domain.AlipayTradeFastpayRefundQueryModel;
import com.alipay.api.domain.AlipayTradeRefundModel;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import io.paygate.alipay.gateway.SdkInternals;
import io.paygate.alipay.wire.AlipayAmounts;
import io.paygate.core.channel.RefundOrder;
import io.paygate.core.channel.TradeRef;
import java.util.List;

/** Refund requests, built from the SDK's models. */
public final class RefundRequests {

  /** Without it the refund query does not say when the money moved. */
  static final String GMT_REFUND_PAY = "gmt_refund_pay";

  private RefundRequests() {}

  public static AlipayTradeRefundRequest refund(RefundOrder order) {
    AlipayTradeRefundModel model = new AlipayTradeRefundModel();
    model.setOutTradeNo(order.outTradeNo());
    model.setTradeNo(order.tradeNo());
    // Always sent: it makes a retry of the same refund idempotent at Alipay, and partial refunds
    // require it.
    model.setOutRequestNo(order.outRequestNo());
    model.setRefundAmount(AlipayAmounts.write(order.refundAmount()));
    model.setRefundReason(order.reason());
    AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
    request.setBizContent(SdkInternals.bizContent(model));
    return request;
  }

  public static AlipayTradeFastpayRefundQueryRequest query(TradeRef trade, String outRequestNo) {
    AlipayTradeFastpayRefundQueryModel model = new AlipayTradeFastpayRefundQueryModel();
    model.setOutTradeNo(trade.outTradeNo());
    model.setTradeNo(trade.tradeNo());
    model.setOutRequestNo(outRequestNo);
    model.setQueryOptions(List.of(GMT_REFUND_PAY));
    AlipayTradeFastpayRefundQueryRequest request = new AlipayTradeFastpayRefundQueryRequest();
    request.setBizContent(SdkInternals.bizContent(model));
    return request;
  }
}
