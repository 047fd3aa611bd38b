package io.paygate.sandbox.trades;

import io.paygate.sandbox.apps.App;
import io.paygate.sandbox.gateway.GatewayCharsets;
import io.paygate.sandbox.signing.RsaSignatures;
import io.paygate.sandbox.signing.SignType;
import io.paygate.sandbox.signing.SigningContent;
import io.paygate.sandbox.support.AlipayTime;
import io.paygate.sandbox.support.Money;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The browser's synchronous return after payment, signed like a notify (no sign_type). */
public final class ReturnUrls {

  private ReturnUrls() {}

  public static String of(Trade trade, App app, PrivateKey alipayKey, Instant now) {
    Charset charset = GatewayCharsets.of(trade.charset()).orElse(StandardCharsets.UTF_8);
    Map<String, String> p = new LinkedHashMap<>();
    p.put("charset", trade.charset());
    p.put("out_trade_no", trade.outTradeNo());
    p.put("method", trade.method() + ".return");
    p.put("total_amount", Money.format(trade.totalAmount()));
    p.put("trade_no", trade.tradeNo());
    p.put("auth_app_id", app.appId());
    p.put("version", "1.0");
    p.put("app_id", app.appId());
    p.put("sign_type", "RSA2");
    p.put("seller_id", app.sellerId());
    p.put("timestamp", AlipayTime.format(now));
    String content = SigningContent.of(p, SigningContent.NOTIFY_EXCLUDED);
    p.put("sign", RsaSignatures.sign(content, alipayKey, SignType.RSA2, charset));
    String query =
        p.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), charset))
            .collect(Collectors.joining("&"));
    String base = trade.returnUrl();
    return base + (base.contains("?") ? "&" : "?") + query;
  }
}
