package io.paygate.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.channel.Buyer;
import io.paygate.core.channel.SignInOutcome;
import io.paygate.core.exchanges.Exchange;
import io.paygate.wechatpay.settings.KeyMode;
import io.paygate.wechatpay.settings.WechatPayApp;
import io.paygate.wechatpay.settings.WechatPaySettings;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * WeChat's web sign-in through the channel against the offline WeChat Pay: the authorize page the
 * cashier sends WeChat's browser to, the code it brings back, and its exchange for the openid.
 */
class SandboxSignInTest extends SandboxWechatPaySupport {

  private static final String BACK = "https://shop.example/checkout/N1/signed-in";

  @Test
  void theBuyerInWechatsBrowserIsSignedInByOpenidOnce() throws Exception {
    Merchant m = newMerchant(KeyMode.PUBLIC_KEY);
    String secret = appSecret(m.appid());
    WechatPayChannel channel = channel(withSecret(m, secret));

    String page = channel.signInPage("default", BACK, "st-9").orElseThrow();
    assertThat(page)
        .startsWith(base() + "/sandbox/wechatpay/connect/oauth2/authorize?appid=" + m.appid())
        .contains("&response_type=code&scope=snsapi_base&state=st-9")
        .endsWith("#wechat_redirect");
    URI back = followed(page);
    assertThat(back.toString()).startsWith(BACK + "?code=").endsWith("&state=st-9");
    String code = param(back, "code");

    SignInOutcome outcome = channel.signIn("default", code);
    assertThat(outcome).isEqualTo(new SignInOutcome.SignedIn(Buyer.byOpenId(openid(m.appid()))));

    SignInOutcome again = channel.signIn("default", code);
    assertThat(again).isInstanceOf(SignInOutcome.Refused.class);
    assertThat(((SignInOutcome.Refused) again).error().code()).isEqualTo("40163");
    assertThat(((SignInOutcome.Refused) again).error().message()).isEqualTo("code been used");

    List<Exchange> calls =
        exchanges.all().stream()
            .filter(e -> e.operation().equals("wechatpay.oauth.access_token"))
            .toList();
    assertThat(calls).extracting(Exchange::outcome).containsExactly("ok", "refused");
    assertThat(calls.toString())
        .contains(m.appid())
        .doesNotContain(secret, openid(m.appid()), code);
  }

  @Test
  void theDefaultAppIsUsedWhenNoneIsNamed() throws Exception {
    Merchant m = newMerchant(KeyMode.PUBLIC_KEY);
    WechatPayChannel channel = channel(withSecret(m, appSecret(m.appid())));
    String code = param(followed(channel.signInPage(null, BACK, "s").orElseThrow()), "code");
    assertThat(channel.signIn(null, code))
        .isEqualTo(new SignInOutcome.SignedIn(Buyer.byOpenId(openid(m.appid()))));
  }

  @Test
  void aWrongSecretOrABadCodeIsRefusedWithWechatsErrcode() throws Exception {
    Merchant m = newMerchant(KeyMode.PUBLIC_KEY);
    Merchant other = newMerchant(KeyMode.PUBLIC_KEY);
    WechatPayChannel wrong = channel(withSecret(m, appSecret(other.appid())));
    String code = param(followed(wrong.signInPage("default", BACK, "s").orElseThrow()), "code");
    assertThat(wrong.signIn("default", code))
        .isInstanceOfSatisfying(
            SignInOutcome.Refused.class, r -> assertThat(r.error().code()).isEqualTo("40125"));

    WechatPayChannel right = channel(withSecret(m, appSecret(m.appid())));
    assertThat(right.signIn("default", "NotACodeOfWechats"))
        .isInstanceOfSatisfying(
            SignInOutcome.Refused.class,
            r -> {
              assertThat(r.error().code()).isEqualTo("40029");
              assertThat(r.error().message()).isEqualTo("invalid code");
            });
    // The wrong secret spent nothing: the code is still good.
    assertThat(right.signIn("default", code)).isInstanceOf(SignInOutcome.SignedIn.class);
  }

  @Test
  void anAppWithoutItsSecretHasNoSignInPageAndItsSignInNamesTheSetting() throws Exception {
    Merchant m = newMerchant(KeyMode.PUBLIC_KEY);
    WechatPaySettings settings = settings(m, KeyMode.PUBLIC_KEY);
    WechatPayChannel channel = channel(settings);
    assertThat(channel.signInPage("default", BACK, "s")).isEmpty();
    assertThat(channel.signIn("default", "whatever"))
        .isInstanceOfSatisfying(
            SignInOutcome.Refused.class,
            r -> {
              assertThat(r.error().code()).isEqualTo("APP_SECRET_MISSING");
              assertThat(r.error().message()).contains("paygate.wechatpay.apps.default.app-secret");
            });
    assertThat(channel.signIn("shop", "whatever"))
        .isInstanceOfSatisfying(
            SignInOutcome.Refused.class,
            r -> assertThat(r.error().code()).isEqualTo("APP_NOT_CONFIGURED"));
  }

  @Test
  void noAnswerIsUnknownAndTheSecretIsNeverShown() throws Exception {
    Merchant m = newMerchant(KeyMode.PUBLIC_KEY);
    String secret = appSecret(m.appid());
    WechatPaySettings settings = withSecret(m, secret);
    // Nothing listens on port 9 of this host (discard, never served here).
    WechatPaySettings unreachable =
        new WechatPaySettings(
            settings.mchid(),
            settings.apps(),
            settings.privateKey(),
            settings.merchantSerialNo(),
            null,
            settings.apiV3Key(),
            settings.keyMode(),
            settings.publicKey(),
            settings.publicKeyId(),
            settings.notifyUrl(),
            URI.create("http://127.0.0.1:9/sandbox/wechatpay"),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1));
    SignInOutcome outcome = channel(unreachable).signIn("default", "code");
    assertThat(outcome).isInstanceOf(SignInOutcome.Unknown.class);
    assertThat(outcome.toString()).doesNotContain(secret);
    assertThat(exchanges.last().outcome()).isEqualTo("unknown");
    assertThat(exchanges.all().toString()).doesNotContain(secret);
    assertThat(settings.toString()).doesNotContain(secret).contains("appSecret=(set)");
  }

  private WechatPaySettings withSecret(Merchant m, String secret) {
    return settings(m, KeyMode.PUBLIC_KEY, WechatPayApp.of(m.appid()).withAppSecret(secret));
  }

  /** Where the sandbox's WeChat sends the browser: the fragment stays in the browser, as there. */
  private URI followed(String page) throws Exception {
    String sent = page.substring(base().length(), page.indexOf('#'));
    HttpResponse<String> answer = get(sent);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
    return URI.create(answer.headers().firstValue("Location").orElseThrow());
  }

  private static String param(URI uri, String name) {
    for (String pair : uri.getRawQuery().split("&")) {
      if (pair.startsWith(name + "=")) {
        return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no " + name + " in " + uri);
  }
}
