package io.paygate.sandbox.gateway;

import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Optional;

/** The charsets Alipay accepts: utf-8, gbk, gb2312 (any case). */
public final class GatewayCharsets {

  private GatewayCharsets() {}

  public static Optional<Charset> of(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "utf-8", "utf8" -> Optional.of(java.nio.charset.StandardCharsets.UTF_8);
      case "gbk" -> Optional.of(Charset.forName("GBK"));
      case "gb2312" -> Optional.of(Charset.forName("GB2312"));
      default -> Optional.empty();
    };
  }
}
