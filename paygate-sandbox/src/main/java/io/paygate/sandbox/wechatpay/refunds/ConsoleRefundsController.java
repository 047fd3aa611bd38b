package io.paygate.sandbox.wechatpay.refunds;

import io.paygate.sandbox.problems.SandboxProblem;
import io.paygate.sandbox.wechatpay.merchants.Merchant;
import io.paygate.sandbox.wechatpay.merchants.WxMerchants;
import io.paygate.sandbox.wechatpay.wire.WxError;
import io.paygate.sandbox.wechatpay.wire.WxIds;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Control API: a refund made in WeChat Pay's merchant platform (商户平台), outside the merchant's API:
 * {@code POST /sandbox/wechatpay/api/refunds {mchid, out_trade_no, refund, notify_url?,
 * out_refund_no?, reason?}} (refund in fen). Checked and carried out as {@code
 * /v3/refund/domestic/refunds} would; the merchant learns of it from REFUND.SUCCESS (when a
 * notify_url is given, standing in for the platform's refund notification setting), a refund query
 * by its out_refund_no, an order query ({@code REFUND}) or the bill.
 */
@RestController
public class ConsoleRefundsController {

  private final WxMerchants merchants;
  private final WxRefunds refunds;

  public ConsoleRefundsController(WxMerchants merchants, WxRefunds refunds) {
    this.merchants = merchants;
    this.refunds = refunds;
  }

  @PostMapping("/sandbox/wechatpay/api/refunds")
  ResponseEntity<Map<String, Object>> refund(@RequestBody ConsoleRefund body) {
    Merchant merchant =
        merchants
            .find(body.mchid())
            .orElseThrow(() -> SandboxProblem.notFound("MERCHANT_NOT_FOUND", "No such mchid."));
    if (body.outTradeNo() == null || body.refund() == null || body.refund() < 1) {
      throw SandboxProblem.badRequest(
          "INVALID_PARAMETER",
          "out_trade_no and refund (whole fen, at least 1) are required.",
          null);
    }
    long total =
        refunds
            .orderTotal(merchant, body.outTradeNo())
            .orElseThrow(
                () ->
                    SandboxProblem.notFound("ORDER_NOT_FOUND", "No order with this out_trade_no."));
    String outRefundNo =
        body.outRefundNo() == null ? "CONSOLE" + WxIds.digits(20) : body.outRefundNo();
    try {
      Refund done =
          refunds.refund(
              merchant,
              new WxRefunds.NewRefund(
                  null,
                  body.outTradeNo(),
                  outRefundNo,
                  body.reason(),
                  body.notifyUrl(),
                  body.refund(),
                  total));
      return ResponseEntity.status(HttpStatus.CREATED).body(RefundJson.answer(done));
    } catch (WxError refused) {
      throw new SandboxProblem(
          HttpStatus.valueOf(refused.status()), refused.code(), refused.getMessage(), null);
    }
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record ConsoleRefund(
      String mchid,
      String outTradeNo,
      Long refund,
      String notifyUrl,
      String outRefundNo,
      String reason) {}
}
