package io.paygate.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.alipay.support.Forms;
import io.paygate.core.channel.ChannelTrade;
import io.paygate.core.channel.NotificationCheck;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeNotification;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.channel.TradeState;
import io.paygate.core.money.Money;
import io.paygate.core.testkit.Receiver;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** payForm, the browser posts it, the buyer pays: query, notify and return all check out. */
class SandboxCashierRoundTripTest extends SandboxChannelSupport {

  @Test
  void thePayFormOpensTheCashierAndNoTradeExistsBeforeTheBuyerComes() throws Exception {
    String outTradeNo = unique("PC");

    HttpResponse<String> answer = submit(channel.payForm(order(outTradeNo, Product.PAGE, "88.80")));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
    String cashier = answer.headers().firstValue("Location").orElseThrow();
    assertThat(cashier).startsWith("http://localhost:" + port + "/sandbox/cashier/");
    HttpResponse<String> page =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(cashier)).GET().build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("88.80");
    assertThat(channel.queryTrade(TradeRef.byOutTradeNo(outTradeNo)))
        .isEqualTo(new TradeLookup.NotFound());
  }

  @Test
  void aPaidPagePayTradeIsFoundNotifiedAndReturnedWithGenuineSignatures() throws Exception {
    String outTradeNo = unique("PAID");
    submit(channel.payForm(order(outTradeNo, Product.PAGE, "12.34")));

    JsonNode paid = buyerPays(outTradeNo);

    TradeLookup lookup = channel.queryTrade(TradeRef.byOutTradeNo(outTradeNo));
    assertThat(lookup).isInstanceOf(TradeLookup.Found.class);
    ChannelTrade trade = ((TradeLookup.Found) lookup).trade();
    assertThat(trade.outTradeNo()).isEqualTo(outTradeNo);
    assertThat(trade.tradeNo()).isEqualTo(paid.get("trade_no").asText());
    assertThat(trade.status()).isEqualTo(TradeState.PAID);
    assertThat(trade.totalAmount()).isEqualTo(Money.parse("12.34"));
    assertThat(trade.buyerLogonId()).isNotBlank();
    assertThat(trade.buyerId()).startsWith("2088");
    assertThat(trade.paidAt()).isNotNull();

    // The sandbox delivers the notify to our inbox; the channel must accept its signature.
    assertThat(inbox.received()).hasSize(1);
    NotificationCheck check = channel.verify(Forms.notification(inbox.received().get(0)));
    assertThat(check).isInstanceOf(NotificationCheck.Verified.class);
    TradeNotification notification = ((NotificationCheck.Verified) check).notification();
    // Verified means the channel checked our app_id and seller_id.
    assertThat(check.redactedParameters())
        .contains("app_id=" + settings.appId())
        .doesNotContain("sign=");
    assertThat(notification.notifyId()).isNotBlank();
    assertThat(notification.trade().outTradeNo()).isEqualTo(outTradeNo);
    assertThat(notification.trade().status()).isEqualTo(TradeState.PAID);
    assertThat(notification.trade().totalAmount()).isEqualTo(Money.parse("12.34"));
    assertThat(notification.trade().paidAt()).isNotNull();
    Map<String, String> tampered = new HashMap<>(inbox.received().get(0));
    tampered.put("total_amount", "0.01");
    assertThat(channel.verify(Forms.notification(tampered)))
        .isInstanceOf(NotificationCheck.Rejected.class);

    // And the browser's return to the shop carries Alipay's signature too.
    String returnUrl = paid.get("return_url").asText();
    assertThat(returnUrl).startsWith(settings.returnUrl());
    Map<String, String> returned = Receiver.decode(URI.create(returnUrl).getRawQuery());
    assertThat(channel.verifyReturn(Forms.query(returned))).isPresent();
    returned.put("total_amount", "1.00");
    assertThat(channel.verifyReturn(Forms.query(returned))).isEmpty();
  }

  @Test
  void aWapPayTradeIsPaidToo() throws Exception {
    String outTradeNo = unique("WAP");
    HttpResponse<String> answer = submit(channel.payForm(order(outTradeNo, Product.WAP, "0.01")));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);

    buyerPays(outTradeNo);

    TradeLookup lookup = channel.queryTrade(TradeRef.byOutTradeNo(outTradeNo));
    assertThat(lookup).isInstanceOf(TradeLookup.Found.class);
    assertThat(((TradeLookup.Found) lookup).trade().status()).isEqualTo(TradeState.PAID);
    assertThat(((TradeLookup.Found) lookup).trade().totalAmount()).isEqualTo(Money.parse("0.01"));
  }
}
