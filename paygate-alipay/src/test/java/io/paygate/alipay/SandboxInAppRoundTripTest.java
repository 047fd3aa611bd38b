package io.paygate.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.alipay.support.Forms;
import io.paygate.core.channel.Buyer;
import io.paygate.core.channel.Checkout;
import io.paygate.core.channel.CheckoutOutcome;
import io.paygate.core.channel.NotificationCheck;
import io.paygate.core.channel.PayOrder;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.SignInOutcome;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.channel.TradeState;
import io.paygate.core.exchanges.Exchange;
import io.paygate.core.money.Money;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** App pay, JSAPI, buyer sign-in and TRADE_FINISHED, round trips against the sandbox. */
class SandboxInAppRoundTripTest extends SandboxChannelSupport {

  private JsonNode playTheAlipayApp(String orderString) throws Exception {
    JsonNode buyer = defaultBuyer();
    HttpResponse<String> answer =
        postJson(
            "/sandbox/api/app/pay",
            Map.of(
                "order_string", orderString,
                "buyer_logon_id", buyer.get("logon_id").asText(),
                "pay_password", buyer.get("pay_password").asText()));
    assertThat(answer.statusCode()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  @Test
  void anAppOrderIsPaidInTheAlipayAppAndItsSignedResultVerifies() throws Exception {
    String outTradeNo = unique("APP");
    CheckoutOutcome outcome = channel.checkout(order(outTradeNo, Product.APP, "7.77"));
    String orderString =
        ((Checkout.AppOrder) ((CheckoutOutcome.Opened) outcome).checkout()).orderString();
    assertThat(orderString)
        .contains("method=alipay.trade.app.pay")
        .contains("QUICK_MSECURITY_PAY")
        .contains("notify_url=");
    Exchange recorded = exchanges.last();
    assertThat(recorded.operation()).isEqualTo("appOrder");
    assertThat(recorded.outTradeNo()).isEqualTo(outTradeNo);

    JsonNode answer = playTheAlipayApp(orderString);
    assertThat(answer.get("resultStatus").asText()).isEqualTo("9000");
    String result = answer.get("result").asText();

    assertThat(channel.verifyAppResult(null, result)).contains(outTradeNo);
    assertThat(channel.verifyAppResult(null, result.replace("7.77", "0.01"))).isEmpty();
    assertThat(channel.verifyAppResult(null, "{\"alipay_trade_app_pay_response\":{}}")).isEmpty();
    assertThat(channel.verifyAppResult(null, "not json")).isEmpty();

    TradeLookup lookup = channel.queryTrade(new TradeRef(null, outTradeNo, null));
    assertThat(((TradeLookup.Found) lookup).trade().status()).isEqualTo(TradeState.PAID);
    assertThat(inbox.received()).hasSize(1);
    assertThat(channel.verify(Forms.notification(inbox.received().get(0))))
        .isInstanceOf(NotificationCheck.Verified.class);
  }

  @Test
  void aJsapiTradeIsMadeForTheSignedInBuyerAndPaidByItsTradeNo() throws Exception {
    JsonNode buyer = defaultBuyer();
    HttpResponse<String> code =
        postJson(
            "/sandbox/api/oauth/codes",
            Map.of("app_id", settings.appId(), "buyer_logon_id", buyer.get("logon_id").asText()));
    String authCode = JSON.readTree(code.body()).get("auth_code").asText();

    SignInOutcome signedIn = channel.signIn(null, authCode);
    Buyer who = ((SignInOutcome.SignedIn) signedIn).buyer();
    assertThat(who.userId()).isEqualTo(buyer.get("user_id").asText());
    assertThat(channel.signIn(null, authCode))
        .isInstanceOfSatisfying(
            SignInOutcome.Refused.class,
            refused -> assertThat(refused.error().code()).isEqualTo("isv.code-invalid"));
    assertThat(exchanges.all().stream().map(Exchange::response))
        .allSatisfy(text -> assertThat(String.valueOf(text)).doesNotContain("authusr"));

    String outTradeNo = unique("JS");
    PayOrder order =
        new PayOrder(
            null,
            outTradeNo,
            Product.JSAPI,
            Money.parse("3.21"),
            "mini program",
            null,
            Instant.now().plus(Duration.ofHours(1)),
            who);
    CheckoutOutcome created = channel.checkout(order);
    Checkout.JsapiPrepay prepay =
        (Checkout.JsapiPrepay) ((CheckoutOutcome.Opened) created).checkout();
    assertThat(prepay.prepayId()).isNotBlank();
    assertThat(
            ((Checkout.JsapiPrepay) ((CheckoutOutcome.Opened) channel.checkout(order)).checkout())
                .prepayId())
        .isEqualTo(prepay.prepayId());

    HttpResponse<String> paid =
        postJson(
            "/sandbox/api/buyer/pay",
            Map.of(
                "app_id", settings.appId(),
                "trade_no", prepay.prepayId(),
                "buyer_logon_id", buyer.get("logon_id").asText(),
                "pay_password", buyer.get("pay_password").asText()));
    assertThat(paid.statusCode()).isEqualTo(200);
    TradeLookup lookup = channel.queryTrade(new TradeRef(null, outTradeNo, null));
    assertThat(((TradeLookup.Found) lookup).trade().status()).isEqualTo(TradeState.PAID);
  }

  @Test
  void aFinishedTradesNotifyReadsAsSettled() throws Exception {
    String outTradeNo = unique("FIN");
    CheckoutOutcome outcome = channel.checkout(order(outTradeNo, Product.APP, "1.50"));
    playTheAlipayApp(
        ((Checkout.AppOrder) ((CheckoutOutcome.Opened) outcome).checkout()).orderString());
    TradeLookup found = channel.queryTrade(new TradeRef(null, outTradeNo, null));
    String tradeNo = ((TradeLookup.Found) found).trade().tradeNo();

    assertThat(postJson("/sandbox/api/trades/" + tradeNo + "/finish", Map.of()).statusCode())
        .isEqualTo(200);

    assertThat(inbox.received()).hasSize(2);
    NotificationCheck check = channel.verify(Forms.notification(inbox.received().get(1)));
    assertThat(((NotificationCheck.Verified) check).notification().trade().status())
        .isEqualTo(TradeState.SETTLED);
  }
}
