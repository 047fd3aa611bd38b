package io.paygate.alipay.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alipay.api.AlipayConfig;
import com.alipay.api.domain.AlipayTradePagePayModel;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradePagePayRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ParsedKeyClientTest {

  private static KeyPair app;
  private static KeyPair alipay;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    app = generator.generateKeyPair();
    alipay = generator.generateKeyPair();
  }

  private static String text(java.security.Key key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  private static AlipayConfig config(String privateKey, String alipayPublicKey) {
    AlipayConfig config = new AlipayConfig();
    config.setServerUrl("http://127.0.0.1:9/gateway.do");
    config.setAppId("2021000000000001");
    config.setPrivateKey(privateKey);
    config.setAlipayPublicKey(alipayPublicKey);
    config.setFormat("json");
    config.setCharset("UTF-8");
    config.setSignType("RSA2");
    return config;
  }

  private static ParsedKeyClient client() throws Exception {
    return new ParsedKeyClient(
        config(text(app.getPrivate()), text(alipay.getPublic())),
        app.getPrivate(),
        alipay.getPublic());
  }

  @Test
  void signsExactlyAsTheSdksOwnSigner() throws Exception {
    String content = "app_id=2021000000000001&biz_content={\"subject\":\"压测 load\"}&charset=UTF-8";

    assertThat(client().getSigner().sign(content, "RSA2", "UTF-8"))
        .isEqualTo(AlipaySignature.rsaSign(content, text(app.getPrivate()), "UTF-8", "RSA2"));
  }

  @Test
  void theSdksKeyProbeIsSignedOnceAndStillCatchesAlipaysKeySetToTheAppsOwn() throws Exception {
    ParsedKeyClient client = client();
    String expected =
        AlipaySignature.rsaSign(
            ParsedKeyClient.SDK_KEY_PROBE, text(app.getPrivate()), "UTF-8", "RSA2");

    assertThat(client.getSigner().sign(ParsedKeyClient.SDK_KEY_PROBE, "RSA2", "UTF-8"))
        .isEqualTo(expected);
    assertThat(client.getSigner().sign(ParsedKeyClient.SDK_KEY_PROBE, "RSA2", "UTF-8"))
        .isEqualTo(expected);
    assertThat(client.checkAlipayPublicKey()).isFalse();

    ParsedKeyClient misconfigured =
        new ParsedKeyClient(
            config(text(app.getPrivate()), text(app.getPublic())),
            app.getPrivate(),
            app.getPublic());
    assertThat(misconfigured.checkAlipayPublicKey()).isTrue();
  }

  @Test
  void checksAnswersWithAlipaysKeyAndRefusesATamperedOne() throws Exception {
    String content = "{\"code\":\"10000\",\"msg\":\"Success\",\"total_amount\":\"88.88\"}";
    String sign = AlipaySignature.rsaSign(content, text(alipay.getPrivate()), "UTF-8", "RSA2");

    assertThat(client().getSignChecker().check(content, sign, "RSA2", "UTF-8")).isTrue();
    assertThat(
            client()
                .getSignChecker()
                .check(content.replace("88.88", "0.01"), sign, "RSA2", "UTF-8"))
        .isFalse();
    assertThat(client().getSignChecker().check(content, "not base64 %%", "RSA2", "UTF-8"))
        .isFalse();
    assertThatThrownBy(() -> client().getSigner().sign(content, "RSA", "UTF-8"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSdkSignsItsFormsWithTheParsedKeyNotTheConfiguredText() throws Exception {
    KeyPair other = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    // The configured text is another key: only a form signed through the parsed key verifies.
    ParsedKeyClient client =
        new ParsedKeyClient(
            config(text(other.getPrivate()), text(alipay.getPublic())),
            app.getPrivate(),
            alipay.getPublic());
    AlipayTradePagePayModel model = new AlipayTradePagePayModel();
    model.setOutTradeNo("PG1");
    model.setTotalAmount("88.88");
    model.setSubject("压测");
    model.setProductCode("FAST_INSTANT_TRADE_PAY");
    AlipayTradePagePayRequest request = new AlipayTradePagePayRequest();
    request.setBizContent(SdkInternals.bizContent(model));

    String form = client.pageExecute(request, "POST").getBody();

    Map<String, String> signed = new HashMap<>();
    Matcher action = Pattern.compile("action=\"[^\"?]*\\?([^\"]*)\"").matcher(form);
    assertThat(action.find()).isTrue();
    for (String pair : action.group(1).replace("&amp;", "&").split("&")) {
      int eq = pair.indexOf('=');
      signed.put(
          pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    Matcher biz = Pattern.compile("name=\"biz_content\" value=\"([^\"]*)\"").matcher(form);
    assertThat(biz.find()).isTrue();
    signed.put("biz_content", biz.group(1).replace("&quot;", "\""));
    // A request's signature covers every parameter but sign, sign_type included.
    String sign = signed.remove("sign");
    String content = AlipaySignature.getSignCheckContentV2(signed);

    assertThat(AlipaySignature.rsa256CheckContent(content, sign, text(app.getPublic()), "UTF-8"))
        .isTrue();
    assertThat(AlipaySignature.rsa256CheckContent(content, sign, text(other.getPublic()), "UTF-8"))
        .isFalse();
  }
}
