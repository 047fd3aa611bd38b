package io.paygate.sandbox.oauth;

import io.paygate.sandbox.apps.OpenIds;
import io.paygate.sandbox.gateway.ApiOutcome;
import io.paygate.sandbox.gateway.GatewayApi;
import io.paygate.sandbox.gateway.GatewayCall;
import io.paygate.sandbox.gateway.GatewayError;
import io.paygate.sandbox.wire.AlipayTime;
import io.paygate.sandbox.wire.Ids;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code alipay.system.oauth.token}: an auth code ({@code grant_type=authorization_code}, {@code
 * code}, both protocol-level parameters, no biz_content) for the buyer's {@code user_id}, or {@code
 * open_id} for an app in OpenID mode, with an access token. An unknown, expired or used code is
 * Alipay's {@code 40002 isv.code-invalid} 授权码code无效, which Alipay sends under {@code
 * error_response} for this older API (signed all the same).
 *
 * <p>Per Alipay's alipay.system.oauth.token (换取授权访问令牌) and web sign-in guide:
 * https://opendocs.alipay.com/open/284/web (in English:
 * https://docs.antom.com/ac/solution_api/oauth_token).
 */
@Component
public class OauthTokenApi implements GatewayApi {

  static final GatewayError CODE_INVALID = GatewayError.invalid("isv.code-invalid", "授权码code无效");
  private static final long ACCESS_SECONDS = 1_296_000; // 15 days
  private static final long REFRESH_SECONDS = 2_592_000; // 30 days

  private final OauthCodes codes;
  private final io.paygate.sandbox.clock.VirtualClock clock;

  public OauthTokenApi(OauthCodes codes, io.paygate.sandbox.clock.VirtualClock clock) {
    this.codes = codes;
    this.clock = clock;
  }

  @Override
  public String method() {
    return "alipay.system.oauth.token";
  }

  @Override
  public String errorKey() {
    return "error_response";
  }

  @Override
  public ApiOutcome handle(GatewayCall call) {
    Optional<String> grantType = call.param("grant_type");
    if (grantType.isEmpty()) {
      return new ApiOutcome.Failure(
          GatewayError.missing("isv.missing-grant-type", "缺少grant_type参数"));
    }
    if (!grantType.get().equals("authorization_code")) {
      // Refresh tokens are not kept by the sandbox: every one is unknown.
      return new ApiOutcome.Failure(
          grantType.get().equals("refresh_token")
              ? GatewayError.invalid("isv.refresh-token-invalid", "刷新令牌refresh_token无效")
              : GatewayError.invalid("isv.invalid-parameter", "grant_type无效"));
    }
    Optional<String> code = call.param("code");
    if (code.isEmpty()) {
      return new ApiOutcome.Failure(GatewayError.missing("isv.missing-code", "缺少code参数"));
    }
    Optional<String> userId = codes.take(call.app().appId(), code.get());
    if (userId.isEmpty()) {
      return new ApiOutcome.Failure(CODE_INVALID);
    }
    Instant now = clock.now();
    Map<String, Object> fields = new LinkedHashMap<>();
    if (call.app().openidMode()) {
      fields.put("open_id", OpenIds.of(call.app().appId(), userId.get()));
    } else {
      fields.put("user_id", userId.get());
    }
    fields.put("access_token", "authusrB" + Ids.token().replace("-", "a").replace("_", "b"));
    fields.put("expires_in", ACCESS_SECONDS);
    fields.put("refresh_token", "authusrB" + Ids.token().replace("-", "c").replace("_", "d"));
    fields.put("re_expires_in", REFRESH_SECONDS);
    fields.put("auth_start", AlipayTime.format(now));
    return ApiOutcome.success(fields);
  }
}
