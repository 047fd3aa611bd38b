package io.paygate.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.alipay.settings.AlipaySettings;
import io.paygate.alipay.support.Forms;
import io.paygate.core.channel.CheckoutOutcome;
import io.paygate.core.channel.MerchantApps;
import io.paygate.core.channel.NotificationCheck;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.channel.TradeState;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two apps of one merchant side by side, through the official SDK against the sandbox: each order
 * goes to its own app, and a notification is verified with the key of the app it names only.
 */
class SandboxTwoAppsRoundTripTest extends SandboxChannelSupport {

  private AlipayApps apps;
  private String brandAppId;

  @BeforeEach
  void aSecondAppBesideTheFirst() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    String publicKey = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    HttpResponse<String> registered =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sandbox/api/apps"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(
                            Map.of("app_public_key", publicKey, "name", "brand"))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    JsonNode brand = JSON.readTree(registered.body());
    brandAppId = brand.get("app_id").asText();
    AlipaySettings brandSettings =
        new AlipaySettings(
            brandAppId,
            Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()),
            brand.get("alipay_public_key").asText(),
            publicKey,
            settings.gatewayUrl(),
            inbox.url(),
            null,
            brand.get("seller_id").asText(),
            Duration.ofSeconds(2),
            Duration.ofSeconds(10));
    apps =
        new AlipayApps(
            List.of(
                channel,
                new AlipayChannel(
                    "brand", Set.of(Product.QR), brandSettings, exchanges, Clock.systemUTC())));
  }

  @Test
  void eachOrderGoesToItsAppAndANotifyVerifiesOnlyWithTheKeyOfTheAppItNames() throws Exception {
    assertThat(apps.apps().names()).containsExactly("brand", MerchantApps.DEFAULT);
    assertThat(apps.apps().products().get("brand")).containsExactly(Product.QR);

    String outTradeNo = unique("BR");
    assertThat(apps.checkout(order("brand", outTradeNo, Product.QR, "3.30")))
        .isInstanceOf(CheckoutOutcome.Opened.class);
    buyerActs("scan", brandAppId, outTradeNo);
    buyerActs("pay", brandAppId, outTradeNo);

    // The trade is the brand app's at Alipay: the default app does not have it.
    TradeLookup atBrand = apps.queryTrade(new TradeRef("brand", outTradeNo, null));
    assertThat(((TradeLookup.Found) atBrand).trade().status()).isEqualTo(TradeState.PAID);
    assertThat(apps.queryTrade(new TradeRef(MerchantApps.DEFAULT, outTradeNo, null)))
        .isInstanceOf(TradeLookup.NotFound.class);

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (inbox.received().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Map<String, String> notify = inbox.received().get(inbox.received().size() - 1);
    assertThat(notify.get("app_id")).isEqualTo(brandAppId);
    NotificationCheck check = apps.verify(Forms.notification(notify));
    assertThat(check).isInstanceOf(NotificationCheck.Verified.class);
    assertThat(((NotificationCheck.Verified) check).app()).isEqualTo("brand");

    // Re-pointed at the other app, the brand app's signature does not verify with its key.
    Map<String, String> repointed = new LinkedHashMap<>(notify);
    repointed.put("app_id", settings.appId());
    assertThat(apps.verify(Forms.notification(repointed)))
        .isInstanceOf(NotificationCheck.Rejected.class);
    Map<String, String> stranger = new LinkedHashMap<>(notify);
    stranger.put("app_id", "2021000000000000");
    assertThat(apps.verify(Forms.notification(stranger)))
        .isInstanceOfSatisfying(
            NotificationCheck.Rejected.class,
            rejected -> assertThat(rejected.reason()).isEqualTo("app_id is not ours"));

    // An app never answers for another's orders.
    assertThatThrownBy(() -> channel.queryTrade(new TradeRef("brand", outTradeNo, null)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
