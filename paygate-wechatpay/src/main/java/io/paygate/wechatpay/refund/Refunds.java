package io.paygate.wechatpay.refund;

import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import com.wechat.pay.java.service.refund.model.Status;
import io.paygate.core.channel.ChannelError;
import io.paygate.core.channel.RefundLookup;
import io.paygate.core.channel.RefundOrder;
import io.paygate.core.channel.RefundOutcome;
import io.paygate.core.money.Money;
import io.paygate.wechatpay.gateway.WechatPayGateway;
import io.paygate.wechatpay.gateway.WxAnswer;
import io.paygate.wechatpay.wire.Fen;
import io.paygate.wechatpay.wire.WxTimes;

/**
 * Domestic refunds (退款) and their query. A refund WeChat Pay takes is SUCCESS at once (balance) or
 * PROCESSING (cards, 1–3 days); its answer carries this refund's amount only, never the trade's
 * refunded total, so the core gets none and checks the total from its own books.
 */
public final class Refunds {

  private final WechatPayGateway gateway;
  private final String notifyUrl;

  public Refunds(WechatPayGateway gateway, String notifyUrl) {
    this.gateway = gateway;
    this.notifyUrl = notifyUrl;
  }

  /**
   * @param tradeAmount the order's total, which WeChat Pay wants with every refund
   */
  public RefundOutcome refund(RefundOrder order, Money tradeAmount) {
    CreateRequest request = new CreateRequest();
    if (order.outTradeNo() != null) {
      request.setOutTradeNo(order.outTradeNo());
    } else {
      request.setTransactionId(order.tradeNo());
    }
    request.setOutRefundNo(RefundNumbers.outRefundNo(order.outTradeNo(), order.outRequestNo()));
    if (order.reason() != null && !order.reason().isBlank()) {
      request.setReason(order.reason());
    }
    request.setNotifyUrl(notifyUrl);
    AmountReq amount = new AmountReq();
    amount.setRefund(Fen.of(order.refundAmount()));
    amount.setTotal(Fen.of(tradeAmount));
    amount.setCurrency("CNY");
    request.setAmount(amount);
    WxAnswer<Refund> answer = WxAnswer.of(() -> gateway.refunds().create(request));
    if (answer instanceof WxAnswer.Ok<Refund> ok) {
      Refund refund = ok.value();
      if (refund == null || refund.getStatus() == null) {
        return new RefundOutcome.Unknown("a refund in a state PayGate does not know");
      }
      return switch (refund.getStatus()) {
        case SUCCESS ->
            new RefundOutcome.Accepted(null, true, WxTimes.parse(refund.getSuccessTime()));
        // Taken, not yet done: the core asks again after the rules' pause.
        case PROCESSING -> new RefundOutcome.Accepted(null, false, null);
        case CLOSED, ABNORMAL ->
            new RefundOutcome.Refused(
                new ChannelError(refund.getStatus().name(), "the refund is " + refund.getStatus()));
      };
    }
    if (answer instanceof WxAnswer.Refused<Refund> refused) {
      return new RefundOutcome.Refused(new ChannelError(refused.code(), refused.message()));
    }
    return new RefundOutcome.Unknown(((WxAnswer.Unknown<Refund>) answer).reason());
  }

  /** The refund {@code outRequestNo} of the payment {@code outTradeNo}, as WeChat Pay has it. */
  public RefundLookup query(String outTradeNo, String outRequestNo) {
    QueryByOutRefundNoRequest request = new QueryByOutRefundNoRequest();
    request.setOutRefundNo(RefundNumbers.outRefundNo(outTradeNo, outRequestNo));
    WxAnswer<Refund> answer = WxAnswer.of(() -> gateway.refunds().queryByOutRefundNo(request));
    if (answer instanceof WxAnswer.Ok<Refund> ok) {
      Refund refund = ok.value();
      if (refund == null || refund.getStatus() == null || refund.getStatus() == Status.PROCESSING) {
        return new RefundLookup.Unknown("the refund is still processing");
      }
      if (refund.getStatus() == Status.SUCCESS) {
        return new RefundLookup.Refunded(
            Fen.money(refund.getAmount().getRefund()), WxTimes.parse(refund.getSuccessTime()));
      }
      // CLOSED, or ABNORMAL (the money could not reach the payer): no refund was made.
      return new RefundLookup.NotRefunded();
    }
    if (answer instanceof WxAnswer.Refused<Refund> refused && refused.notFound()) {
      return new RefundLookup.NotRefunded();
    }
    if (answer instanceof WxAnswer.Refused<Refund> refused) {
      return new RefundLookup.Unknown(refused.code() + " " + refused.message());
    }
    return new RefundLookup.Unknown(((WxAnswer.Unknown<Refund>) answer).reason());
  }
}
