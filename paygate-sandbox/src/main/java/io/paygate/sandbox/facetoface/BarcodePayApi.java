package io.paygate.sandbox.facetoface;

import io.paygate.sandbox.apps.App;
import io.paygate.sandbox.buyers.Buyer;
import io.paygate.sandbox.buyers.SandboxBuyers;
import io.paygate.sandbox.gateway.ApiOutcome;
import io.paygate.sandbox.gateway.GatewayApi;
import io.paygate.sandbox.gateway.GatewayCall;
import io.paygate.sandbox.gateway.GatewayError;
import io.paygate.sandbox.trades.Orders;
import io.paygate.sandbox.trades.PageOrderRules;
import io.paygate.sandbox.trades.PayResult;
import io.paygate.sandbox.trades.Payments;
import io.paygate.sandbox.trades.Trade;
import io.paygate.sandbox.trades.TradeStatus;
import io.paygate.sandbox.wire.AlipayTime;
import io.paygate.sandbox.wire.Money;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * {@code alipay.trade.pay}, barcode: the cashier scans the buyer's payment code ({@code auth_code},
 * see {@code GET /sandbox/api/buyers}) and the trade is created and paid at once from the buyer's
 * balance. A refusal after the trade was created (balance too low) leaves it WAIT_BUYER_PAY, to be
 * paid by a retry with the same out_trade_no or cancelled.
 */
@Component
public class BarcodePayApi implements GatewayApi {

  private static final Set<String> SCENES = Set.of("bar_code", "security_code");

  /** Alipay's 10003: the order is made, the buyer has yet to enter the pay password. */
  static final GatewayError WAITING_FOR_THE_BUYER =
      new GatewayError("10003", " order success pay inprocess", null, null);

  private final Orders orders;
  private final Payments payments;
  private final SandboxBuyers buyers;

  public BarcodePayApi(Orders orders, Payments payments, SandboxBuyers buyers) {
    this.orders = orders;
    this.payments = payments;
    this.buyers = buyers;
  }

  @Override
  public String method() {
    return "alipay.trade.pay";
  }

  @Override
  public ApiOutcome handle(GatewayCall call) {
    Optional<String> scene = call.biz().text("scene");
    if (scene.isEmpty()) {
      return invalid("缺少必选参数scene");
    }
    if (!SCENES.contains(scene.get())) {
      return invalid("scene只能为bar_code或security_code");
    }
    Optional<String> authCode = call.biz().text("auth_code");
    if (authCode.isEmpty()) {
      return invalid("缺少必选参数auth_code");
    }
    Optional<Buyer> buyer = buyers.byAuthCode(authCode.get());
    if (buyer.isEmpty()) {
      return new ApiOutcome.Failure(
          GatewayError.business("ACQ.PAYMENT_AUTH_CODE_INVALID", "支付授权码无效"));
    }
    Orders.Placement placement = orders.placement(call, PageOrderRules.FACE_TO_FACE);
    if (placement instanceof Orders.Refused refused) {
      return new ApiOutcome.Failure(refused.error());
    }
    Trade order = ((Orders.Placed) placement).order();
    boolean unpaid =
        order.status() == TradeStatus.ORDER || order.status() == TradeStatus.WAIT_BUYER_PAY;
    if (buyers.passwordWait(buyer.get().logonId()) && unpaid) {
      // The buyer must confirm on the phone: the trade exists, unpaid, and Alipay answers 10003
      // (again, to a repeat) until the password is entered.
      PayResult opened = payments.open(order.id(), Optional.of(buyer.get().logonId()));
      if (opened instanceof PayResult.Refused refused) {
        return new ApiOutcome.Failure(error(refused.reason()));
      }
      Trade waiting = ((PayResult.Opened) opened).trade();
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("out_trade_no", waiting.outTradeNo());
      fields.put("trade_no", waiting.tradeNo());
      fields.put("buyer_logon_id", Buyer.mask(buyer.get().logonId()));
      return new ApiOutcome.Failure(WAITING_FOR_THE_BUYER, fields);
    }
    PayResult result = payments.pay(order.id(), buyer.get().logonId(), Optional.empty());
    if (result instanceof PayResult.Paid paid) {
      return ApiOutcome.success(answer(paid.trade(), call.app()));
    }
    // pay() answers Paid or Refused, never Opened.
    return new ApiOutcome.Failure(error(((PayResult.Refused) result).reason()));
  }

  private static GatewayError error(PayResult.Reason reason) {
    return switch (reason) {
      case INSUFFICIENT_BALANCE -> GatewayError.business("ACQ.BUYER_BALANCE_NOT_ENOUGH", "买家余额不足");
      case TRADE_ALREADY_PAID -> GatewayError.TRADE_HAS_SUCCESS;
      case TRADE_BUYER_NOT_MATCH -> GatewayError.business("ACQ.TRADE_BUYER_NOT_MATCH", "交易买家不匹配");
      case BUYER_NOT_FOUND -> GatewayError.business("ACQ.PAYMENT_AUTH_CODE_INVALID", "支付授权码无效");
      default -> GatewayError.TRADE_HAS_CLOSE;
    };
  }

  private static Map<String, Object> answer(Trade trade, App app) {
    String total = Money.format(trade.totalAmount());
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("trade_no", trade.tradeNo());
    fields.put("out_trade_no", trade.outTradeNo());
    fields.put("buyer_logon_id", Buyer.mask(trade.buyerLogonId()));
    fields.put("total_amount", total);
    fields.put("receipt_amount", total);
    fields.put("buyer_pay_amount", total);
    fields.put("point_amount", "0.00");
    fields.put("invoice_amount", total);
    fields.put("gmt_payment", AlipayTime.format(trade.paidAt()));
    fields.put(
        "fund_bill_list",
        List.of(Map.of("fund_channel", "ALIPAYACCOUNT", "amount", total, "real_amount", total)));
    fields.putAll(app.buyerField("buyer_user_id", trade.buyerUserId()));
    return fields;
  }

  private static ApiOutcome invalid(String detail) {
    return new ApiOutcome.Failure(GatewayError.invalidParameter(detail));
  }
}
