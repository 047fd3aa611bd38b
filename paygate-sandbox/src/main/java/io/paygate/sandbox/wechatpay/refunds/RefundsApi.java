package io.paygate.sandbox.wechatpay.refunds;

import io.paygate.sandbox.wechatpay.gateway.WxGateway;
import io.paygate.sandbox.wechatpay.gateway.WxGatewayFaults;
import io.paygate.sandbox.wechatpay.wire.WxError;
import io.paygate.sandbox.wechatpay.wire.WxOperations;
import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3/refund/domestic/refunds}: create a refund, and query one by out_refund_no, per WeChat
 * Pay API v3 退款申请 / 查询单笔退款 (https://pay.weixin.qq.com/doc/v3/merchant/4012556457 and 4012552567).
 */
@RestController
public class RefundsApi {

  private static final String BASE = WxGateway.PREFIX + "/v3/refund/domestic/refunds";
  private static final Pattern OUT_REFUND_NO = Pattern.compile("[0-9A-Za-z_\\-|*@]{1,64}");

  private final WxGateway gateway;
  private final WxRefunds refunds;
  private final WxGatewayFaults faults;

  public RefundsApi(WxGateway gateway, WxRefunds refunds, WxGatewayFaults faults) {
    this.gateway = gateway;
    this.refunds = refunds;
    this.faults = faults;
  }

  @PostMapping(BASE)
  ResponseEntity<byte[]> create(
      HttpServletRequest request, @RequestBody(required = false) String body) {
    WxGateway.Call call = gateway.verify(request, body, WxOperations.REFUND);
    String transactionId = call.optionalText("/transaction_id");
    String outTradeNo = call.optionalText("/out_trade_no");
    if (transactionId == null && outTradeNo == null) {
      throw WxError.param("/out_trade_no", "transaction_id or out_trade_no is required");
    }
    String outRefundNo = call.text("/out_refund_no");
    if (!OUT_REFUND_NO.matcher(outRefundNo).matches()) {
      throw WxError.param("/out_refund_no", "1 to 64 of [0-9A-Za-z_-|*@]");
    }
    long refund = call.fen("/amount/refund");
    if (refund < 1) {
      throw WxError.param("/amount/refund", "at least 1 fen");
    }
    long total = call.fen("/amount/total");
    String currency = call.optionalText("/amount/currency");
    if (currency != null && !currency.equals("CNY")) {
      throw WxError.param("/amount/currency", "Currency code is invalid");
    }
    String reason = call.optionalText("/reason");
    if (reason != null && reason.length() > 80) {
      throw WxError.param("/reason", "longer than 80 characters");
    }
    Refund done =
        refunds.refund(
            call.merchant(),
            new WxRefunds.NewRefund(
                outTradeNo == null ? transactionId : null,
                outTradeNo,
                outRefundNo,
                reason,
                call.optionalText("/notify_url"),
                refund,
                total),
            faults.refundProcessing(WxOperations.REFUND));
    return gateway.ok(call, RefundJson.answer(done));
  }

  @GetMapping(BASE + "/{outRefundNo}")
  ResponseEntity<byte[]> query(HttpServletRequest request, @PathVariable String outRefundNo) {
    WxGateway.Call call = gateway.verify(request, null, WxOperations.REFUND_QUERY);
    Refund found =
        refunds
            .find(call.merchant(), outRefundNo)
            .orElseThrow(() -> WxError.of(404, "RESOURCE_NOT_EXISTS", "退款单不存在"));
    return gateway.ok(call, RefundJson.answer(found));
  }
}
