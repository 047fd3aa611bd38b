package io.paygate.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.paygate.alipay.settings.AlipayKeyCheck;
import io.paygate.alipay.settings.AlipaySettings;
import io.paygate.alipay.support.TestKeys;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.exchanges.Exchange;
import io.paygate.core.testkit.RecordingExchangeLog;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Keys and signatures against the sandbox gateway; queries of unknown trades. */
class SandboxGatewayRoundTripTest extends SandboxChannelSupport {

  @Test
  void theSandboxAppsKeysPassTheStartUpCheck() {
    assertThatCode(() -> new AlipayKeyCheck(settings).check()).doesNotThrowAnyException();
  }

  @Test
  void anUnknownTradeIsNotFound() {
    String outTradeNo = unique("NONE");

    TradeLookup lookup = channel.queryTrade(TradeRef.byOutTradeNo(outTradeNo));

    assertThat(lookup).isEqualTo(new TradeLookup.NotFound());
    Exchange exchange = exchanges.last();
    assertThat(exchange.operation()).isEqualTo("queryTrade");
    assertThat(exchange.outTradeNo()).isEqualTo(outTradeNo);
    assertThat(exchange.outcome()).isEqualTo("not-found");
    assertThat(exchange.response())
        .contains("alipay_trade_query_response")
        .contains("ACQ.TRADE_NOT_EXIST")
        .doesNotContain("\"sign\"");
  }

  @Test
  void anAnswerCheckedWithTheWrongAlipayKeyIsUnknown() {
    AlipaySettings wrongAlipayKey =
        new AlipaySettings(
            settings.appId(),
            settings.privateKey(),
            TestKeys.STRANGER.publicKey(),
            null,
            settings.gatewayUrl(),
            settings.notifyUrl(),
            null,
            null,
            null,
            null);
    AlipayChannel misconfigured =
        new AlipayChannel(wrongAlipayKey, new RecordingExchangeLog(), Clock.systemUTC());

    assertThat(misconfigured.queryTrade(TradeRef.byOutTradeNo(unique("NONE"))))
        .isInstanceOf(TradeLookup.Unknown.class);
  }

  @Test
  void aRequestSignedWithAnotherKeyIsRefusedBySandbox() {
    AlipaySettings wrongPrivateKey =
        new AlipaySettings(
            settings.appId(),
            TestKeys.STRANGER.privateKey(),
            settings.alipayPublicKey(),
            null,
            settings.gatewayUrl(),
            settings.notifyUrl(),
            null,
            null,
            null,
            null);
    AlipayChannel misconfigured =
        new AlipayChannel(wrongPrivateKey, new RecordingExchangeLog(), Clock.systemUTC());

    TradeLookup lookup = misconfigured.queryTrade(TradeRef.byOutTradeNo(unique("NONE")));

    assertThat(lookup).isInstanceOf(TradeLookup.Refused.class);
    assertThat(((TradeLookup.Refused) lookup).error().code()).isEqualTo("isv.invalid-signature");
  }
}
