package io.paygate.sandbox.wechatpay.transactions;

import io.paygate.sandbox.problems.SandboxProblem;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Control API: {@code POST /sandbox/wechatpay/api/payer/pay {mchid, openid, out_trade_no}} pays an
 * open order as the payer's phone would. Answers the transaction as a query would show it. With
 * {@code pay_params} (JSAPI or App), the front end's signed parameters are checked first.
 */
@RestController
public class PayerPayController {

  private final WxTransactions transactions;

  public PayerPayController(WxTransactions transactions) {
    this.transactions = transactions;
  }

  @PostMapping("/sandbox/wechatpay/api/payer/pay")
  Map<String, Object> pay(@RequestBody PayRequest body) {
    if (body.mchid() == null || body.mchid().isBlank()) {
      throw SandboxProblem.badRequest("INVALID_PARAMETER", "mchid is required.", "mchid");
    }
    if (body.outTradeNo() == null || body.outTradeNo().isBlank()) {
      throw SandboxProblem.badRequest(
          "INVALID_PARAMETER", "out_trade_no is required.", "out_trade_no");
    }
    return TransactionJson.of(
        transactions.pay(body.mchid(), body.openid(), body.outTradeNo(), body.payParams()));
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record PayRequest(
      String mchid, String openid, String outTradeNo, Map<String, String> payParams) {}
}
