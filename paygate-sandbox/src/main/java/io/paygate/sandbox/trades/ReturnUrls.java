package io.paygate.sandbox.trades;

import io.paygate.sandbox.apps.App;
import io.paygate.sandbox.gateway.GatewayCharsets;
import io.paygate.sandbox.signing.SignedParams;
import io.paygate.sandbox.wire.AlipayTime;
import io.paygate.sandbox.wire.FormEncoding;
import io.paygate.sandbox.wire.Money;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

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
    String query = FormEncoding.encode(SignedParams.sign(p, alipayKey, charset, false), charset);
    String base = trade.returnUrl();
    return base + (base.contains("?") ? "&" : "?") + query;
  }
}
