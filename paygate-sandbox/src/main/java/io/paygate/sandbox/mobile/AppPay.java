package io.paygate.sandbox.mobile;

import io.paygate.sandbox.apps.App;
import io.paygate.sandbox.apps.SandboxApps;
import io.paygate.sandbox.clock.VirtualClock;
import io.paygate.sandbox.gateway.GatewayCall;
import io.paygate.sandbox.gateway.GatewayCharsets;
import io.paygate.sandbox.gateway.GatewayError;
import io.paygate.sandbox.gateway.GatewayParams;
import io.paygate.sandbox.gateway.ProtocolChecks;
import io.paygate.sandbox.gateway.SignedResponses;
import io.paygate.sandbox.signing.SignType;
import io.paygate.sandbox.trades.Orders;
import io.paygate.sandbox.trades.PageOrderRules;
import io.paygate.sandbox.trades.PayResult;
import io.paygate.sandbox.trades.Payments;
import io.paygate.sandbox.trades.Trade;
import io.paygate.sandbox.wire.AlipayTime;
import io.paygate.sandbox.wire.Money;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * What the Alipay app does with an app-pay order string ({@code alipay.trade.app.pay}, built by the
 * merchant's server with the SDK's {@code sdkExecute}): checks it as the gateway checks a request
 * (app, signature, biz_content), places the order ({@code QUICK_MSECURITY_PAY}), lets the buyer pay
 * it, and hands the merchant's app what Alipay's mobile SDK hands it: {@code resultStatus} (9000
 * paid, 4000 failed), {@code memo}, and {@code result}, the signed {@code
 * alipay_trade_app_pay_response}. The notify goes to the order's notify_url as for any trade.
 *
 * <p>Per Alipay's app支付接口2.0 ({@code alipay.trade.app.pay}, 外部商户APP唤起快捷SDK创建订单并支付):
 * https://opendocs.alipay.com/open/02e7gq
 */
@Service
public class AppPay {

  static final String METHOD = "alipay.trade.app.pay";
  private static final String RESPONSE_KEY = SignedResponses.responseKey(METHOD);

  private final SandboxApps apps;
  private final ProtocolChecks checks;
  private final Orders orders;
  private final Payments payments;
  private final SignedResponses responses;
  private final VirtualClock clock;

  public AppPay(
      SandboxApps apps,
      ProtocolChecks checks,
      Orders orders,
      Payments payments,
      SignedResponses responses,
      VirtualClock clock) {
    this.apps = apps;
    this.checks = checks;
    this.orders = orders;
    this.payments = payments;
    this.responses = responses;
    this.clock = clock;
  }

  /** What the mobile SDK hands the merchant's app. */
  public record AppResult(String resultStatus, String memo, String result) {

    static AppResult failed(String memo) {
      return new AppResult("4000", memo, "");
    }
  }

  /**
   * @param password the buyer's pay password; null trusts the caller (as the buyer actions do)
   */
  public AppResult pay(String orderString, String logonId, String password, String publicBase) {
    if (orderString == null || orderString.isBlank()) {
      return AppResult.failed("订单信息为空 / The order string is empty.");
    }
    GatewayParams.Read read = GatewayParams.parse(orderString.strip());
    Map<String, String> params = read.params();
    if (!METHOD.equals(params.get("method"))) {
      return AppResult.failed("订单信息无效 / The order string is not alipay.trade.app.pay.");
    }
    App app = Optional.ofNullable(params.get("app_id")).flatMap(apps::find).orElse(null);
    ProtocolChecks.Result checked = checks.check(params, read.declaredCharset(), app);
    if (checked instanceof ProtocolChecks.Rejected rejected) {
      return AppResult.failed(describe(rejected.error()));
    }
    ProtocolChecks.Accepted accepted = (ProtocolChecks.Accepted) checked;
    Charset charset = GatewayCharsets.of(read.declaredCharset()).orElse(StandardCharsets.UTF_8);
    GatewayCall call = new GatewayCall(app, METHOD, params, accepted.biz(), charset, publicBase);
    Orders.Placement placement = orders.placement(call, PageOrderRules.APP);
    if (placement instanceof Orders.Refused refused) {
      return AppResult.failed(describe(refused.error()));
    }
    Trade order = ((Orders.Placed) placement).order();
    PayResult result = payments.pay(order.id(), logonId, Optional.ofNullable(password));
    if (result instanceof PayResult.Refused refused) {
      return AppResult.failed(refused.message());
    }
    Trade paid = ((PayResult.Paid) result).trade();
    SignType signType = SignType.of(params.get("sign_type")).orElse(SignType.RSA2);
    return new AppResult("9000", "", signedResult(paid, app, signType, charset));
  }

  /**
   * The synchronous result: the response object signed like a gateway answer (its exact bytes, with
   * the app's "Alipay" key), then {@code sign_type}, as the mobile SDK passes it on.
   */
  private String signedResult(Trade paid, App app, SignType signType, Charset charset) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("code", "10000");
    fields.put("msg", "Success");
    fields.put("app_id", app.appId());
    fields.put("auth_app_id", app.appId());
    fields.put("charset", charset.name().toLowerCase());
    fields.put("timestamp", AlipayTime.format(clock.now()));
    fields.put("out_trade_no", paid.outTradeNo());
    fields.put("total_amount", Money.format(paid.totalAmount()));
    fields.put("trade_no", paid.tradeNo());
    fields.put("seller_id", app.sellerId());
    String body = responses.render(RESPONSE_KEY, fields, app, signType, charset, false);
    return body.substring(0, body.length() - 1) + ",\"sign_type\":\"" + signType.name() + "\"}";
  }

  private static String describe(GatewayError error) {
    return error.subMsg() != null ? error.subCode() + " " + error.subMsg() : error.msg();
  }
}
