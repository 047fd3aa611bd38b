package io.paygate.wechatpay.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.channel.Buyer;
import io.paygate.core.channel.ChannelError;
import io.paygate.core.channel.SignInOutcome;
import io.paygate.wechatpay.settings.WechatPaySettings;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** WeChat's hosts for the real thing, and its answers read as the port's outcomes. */
class WechatSignInTest {

  @Test
  void theRealWechatIsOpenWeixinForThePageAndApiWeixinForTheCode() {
    WechatSignIn real =
        new WechatSignIn(
            WechatPaySettings.WECHAT_PAY, Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertThat(real.page("wx1234567890abcdef", "https://shop.example/back?x=1", "s1"))
        .isEqualTo(
            "https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx1234567890abcdef"
                + "&redirect_uri=https%3A%2F%2Fshop.example%2Fback%3Fx%3D1"
                + "&response_type=code&scope=snsapi_base&state=s1#wechat_redirect");
    assertThat(WechatSignIn.ACCESS_TOKEN.toString())
        .isEqualTo("https://api.weixin.qq.com/sns/oauth2/access_token");
    WechatSignIn sandbox =
        new WechatSignIn(
            URI.create("http://localhost:8080/sandbox/wechatpay/"),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1));
    assertThat(sandbox.page("wx1", "https://b", "s"))
        .startsWith("http://localhost:8080/sandbox/wechatpay/connect/oauth2/authorize?appid=wx1&");
  }

  @Test
  void answersAreReadAsWechatWritesThem() {
    assertThat(
            WechatSignIn.read(
                "{\"access_token\":\"T\",\"expires_in\":7200,\"refresh_token\":\"R\","
                    + "\"openid\":\"oYbGRs8MmU6bESxXcX2Z0rFRivjQ\",\"scope\":\"snsapi_base\"}"))
        .isEqualTo(new SignInOutcome.SignedIn(Buyer.byOpenId("oYbGRs8MmU6bESxXcX2Z0rFRivjQ")));
    assertThat(
            WechatSignIn.read(
                "{\"errcode\":40029,\"errmsg\":\"invalid code, rid: 63eb339a-57c1b83a\"}"))
        .isEqualTo(new SignInOutcome.Refused(new ChannelError("40029", "invalid code")));
    assertThat(
            WechatSignIn.read(
                "{\"errcode\":40029,\"errmsg\":\"invalid code hint: [RIJFrrMre] rid: 61c05c98\"}"))
        .isEqualTo(new SignInOutcome.Refused(new ChannelError("40029", "invalid code")));
    assertThat(WechatSignIn.read("{\"errcode\":-1,\"errmsg\":\"system error\"}"))
        .isInstanceOf(SignInOutcome.Unknown.class);
    assertThat(WechatSignIn.read("<html>502 Bad Gateway</html>"))
        .isInstanceOf(SignInOutcome.Unknown.class);
    assertThat(WechatSignIn.read("{\"errcode\":\"x\"}")).isInstanceOf(SignInOutcome.Unknown.class);
    assertThat(WechatSignIn.read("{\"access_token\":\"T\"}"))
        .isInstanceOf(SignInOutcome.Unknown.class);
  }
}
