package io.paygate.wechatpay.signin;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.paygate.core.channel.Buyer;
import io.paygate.core.channel.ChannelError;
import io.paygate.core.channel.SignInOutcome;
import io.paygate.wechatpay.settings.WechatPaySettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * WeChat's web sign-in (网页授权, {@code snsapi_base}) for a buyer in WeChat's browser: the authorize
 * page that sends the browser back with a code, and the exchange of that code with the appid's
 * AppSecret for the buyer's openid at that appid. Not part of WeChat Pay's API, so not in {@code
 * wechatpay-java}: a plain GET with the OkHttp the module already has. The real hosts are {@code
 * open.weixin.qq.com} (page) and {@code api.weixin.qq.com} (exchange); a channel pointed at an
 * offline WeChat Pay finds both under its base URL ({@code …/sandbox/wechatpay/connect/…}, {@code
 * …/sandbox/wechatpay/sns/…}).
 */
public final class WechatSignIn {

  static final URI AUTHORIZE = URI.create("https://open.weixin.qq.com/connect/oauth2/authorize");
  static final URI ACCESS_TOKEN = URI.create("https://api.weixin.qq.com/sns/oauth2/access_token");

  /** WeChat's "system busy, try again" (-1): nothing is known of the code. */
  private static final Set<Integer> BUSY = Set.of(-1);

  private final URI authorize;
  private final HttpUrl accessToken;
  private final OkHttpClient http;

  public WechatSignIn(URI baseUrl, Duration connectTimeout, Duration readTimeout) {
    boolean real = baseUrl.equals(WechatPaySettings.WECHAT_PAY);
    String base = baseUrl.toString().replaceAll("/+$", "");
    this.authorize = real ? AUTHORIZE : URI.create(base + "/connect/oauth2/authorize");
    this.accessToken =
        HttpUrl.get(real ? ACCESS_TOKEN.toString() : base + "/sns/oauth2/access_token");
    this.http =
        new OkHttpClient.Builder()
            .connectTimeout(connectTimeout)
            .readTimeout(readTimeout)
            .followRedirects(false)
            .build();
  }

  /**
   * The authorize page for {@code snsapi_base} (silent in WeChat: who the buyer is, asked of no
   * one), with WeChat's {@code #wechat_redirect} its documentation asks for.
   */
  public String page(String appid, String redirectUri, String state) {
    return authorize
        + "?appid="
        + encode(appid)
        + "&redirect_uri="
        + encode(redirectUri)
        + "&response_type=code&scope=snsapi_base&state="
        + encode(state)
        + "#wechat_redirect";
  }

  /**
   * Exchanges the code: the buyer by openid; WeChat's {@code errcode} as a refusal (40029 invalid
   * code, 40163 code been used, 40125 invalid appsecret, 40013 invalid appid…), with its errmsg
   * less the request id; no answer, WeChat's -1 or an answer that is not WeChat's as unknown.
   */
  public SignInOutcome exchange(String appid, String secret, String code) {
    HttpUrl url =
        accessToken
            .newBuilder()
            .addQueryParameter("appid", appid)
            .addQueryParameter("secret", secret)
            .addQueryParameter("code", code)
            .addQueryParameter("grant_type", "authorization_code")
            .build();
    String body;
    int status;
    try (Response response = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
      status = response.code();
      ResponseBody content = response.body();
      body = content == null ? "" : content.string();
    } catch (IOException e) {
      // The message could name the URL, which carries the secret: the exception's kind only.
      return new SignInOutcome.Unknown("no answer: " + e.getClass().getSimpleName());
    }
    if (status != 200) {
      return new SignInOutcome.Unknown("HTTP " + status + " from WeChat's sign-in");
    }
    return read(body);
  }

  static SignInOutcome read(String body) {
    try {
      return readJson(body);
    } catch (RuntimeException e) {
      // A field of the wrong type: not an answer WeChat writes.
      return new SignInOutcome.Unknown("an answer that is not WeChat's JSON");
    }
  }

  private static SignInOutcome readJson(String body) {
    JsonObject answer;
    try {
      JsonElement parsed = JsonParser.parseString(body);
      if (!parsed.isJsonObject()) {
        return new SignInOutcome.Unknown("an answer that is not WeChat's JSON");
      }
      answer = parsed.getAsJsonObject();
    } catch (JsonParseException e) {
      return new SignInOutcome.Unknown("an answer that is not WeChat's JSON");
    }
    int errcode = answer.has("errcode") ? answer.get("errcode").getAsInt() : 0;
    if (errcode != 0) {
      String errmsg = answer.has("errmsg") ? answer.get("errmsg").getAsString() : "";
      // "invalid code, rid: …" / "invalid code hint: [...]": the words, not the request's id.
      String words = errmsg.split(",? (rid|hint|hints):", 2)[0].strip();
      if (BUSY.contains(errcode)) {
        return new SignInOutcome.Unknown("WeChat was busy (" + errcode + " " + words + ")");
      }
      return new SignInOutcome.Refused(new ChannelError(String.valueOf(errcode), words));
    }
    JsonElement openid = answer.get("openid");
    if (openid == null || openid.isJsonNull() || openid.getAsString().isBlank()) {
      return new SignInOutcome.Unknown("the answer names no openid");
    }
    return new SignInOutcome.SignedIn(Buyer.byOpenId(openid.getAsString()));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }
}
