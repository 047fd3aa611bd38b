package io.paygate.sandbox.trades;

import io.paygate.sandbox.gateway.GatewayCall;
import io.paygate.sandbox.gateway.GatewayError;
import io.paygate.sandbox.wire.AlipayTime;
import io.paygate.sandbox.wire.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validation of a new order (page/wap pay, precreate, barcode pay), as Alipay does before showing
 * anything. Face-to-face orders default to FACE_TO_FACE_PAYMENT and a 3h timeout.
 */
public final class PageOrderRules {

  private static final Pattern OUT_TRADE_NO = Pattern.compile("[0-9A-Za-z_]{1,64}");
  private static final Pattern TIMEOUT = Pattern.compile("(\\d{1,5})([mhd])");
  private static final Duration DEFAULT_TIMEOUT = Duration.ofDays(15);
  public static final String FACE_TO_FACE = "FACE_TO_FACE_PAYMENT";

  /** App pay ({@code alipay.trade.app.pay}), its documented default. */
  public static final String APP = "QUICK_MSECURITY_PAY";

  /** JSAPI / mini-program pay ({@code alipay.trade.create} for a signed-in buyer). */
  public static final String JSAPI = "JSAPI_PAY";

  private static final Duration FACE_TO_FACE_TIMEOUT = Duration.ofHours(3);
  private static final Duration MAX_TIMEOUT = Duration.ofDays(15);

  private PageOrderRules() {}

  public sealed interface Checked {}

  public record Valid(NewOrder order, Instant expiresAt) implements Checked {}

  public record Invalid(GatewayError error) implements Checked {}

  public static Checked check(GatewayCall call, String requiredProductCode, Instant now) {
    var biz = call.biz();
    Optional<String> outTradeNo = biz.text("out_trade_no");
    if (outTradeNo.isEmpty()) {
      return invalid("缺少必选参数out_trade_no");
    }
    if (!OUT_TRADE_NO.matcher(outTradeNo.get()).matches()) {
      return invalid("out_trade_no只能包含字母、数字、下划线，长度不超过64");
    }
    String productCode = biz.text("product_code").orElse(null);
    if (productCode == null
        && (requiredProductCode.equals("QUICK_WAP_WAY")
            || requiredProductCode.equals(FACE_TO_FACE)
            || requiredProductCode.equals(APP))) {
      // the documented defaults of wap pay, face-to-face and app pay
      productCode = requiredProductCode;
    }
    if (productCode == null) {
      return invalid("缺少必选参数product_code");
    }
    if (!productCode.equals(requiredProductCode)) {
      return invalid("product_code必须为" + requiredProductCode);
    }
    Optional<String> amountText = biz.text("total_amount");
    if (amountText.isEmpty()) {
      return invalid("缺少必选参数total_amount");
    }
    Optional<BigDecimal> amount = Money.parse(amountText.get());
    if (amount.isEmpty()) {
      return invalid("total_amount格式错误");
    }
    if (!Money.inRange(amount.get())) {
      return new Invalid(GatewayError.TOTAL_FEE_EXCEED);
    }
    Optional<String> subject = biz.text("subject");
    if (subject.isEmpty()) {
      return invalid("缺少必选参数subject");
    }
    if (subject.get().length() > 256) {
      return invalid("subject长度不能超过256");
    }
    Optional<String> body = biz.text("body");
    if (body.isPresent() && body.get().length() > 128) {
      return invalid("body长度不能超过128");
    }
    Optional<String> passback = biz.text("passback_params");
    if (passback.isPresent() && passback.get().length() > 512) {
      return invalid("passback_params长度不能超过512");
    }
    for (String url : new String[] {"notify_url", "return_url"}) {
      Optional<String> value = call.param(url);
      if (value.isPresent()
          && (value.get().length() > 256 || !value.get().matches("(?i)https?://.+"))) {
        return invalid(url + "格式错误");
      }
    }
    Instant expiresAt;
    Optional<String> timeExpire = biz.text("time_expire");
    if (timeExpire.isPresent()) {
      Optional<Instant> parsed = AlipayTime.parse(timeExpire.get());
      if (parsed.isEmpty() || !parsed.get().isAfter(now)) {
        return invalid("time_expire格式错误或已过期");
      }
      expiresAt = parsed.get();
    } else {
      Optional<String> timeout = biz.text("timeout_express");
      if (timeout.isPresent()) {
        Optional<Instant> relative = relative(timeout.get(), now, requiredProductCode);
        if (relative.isEmpty()) {
          return invalid("timeout_express格式错误");
        }
        expiresAt = relative.get();
      } else {
        expiresAt =
            now.plus(
                requiredProductCode.equals(FACE_TO_FACE) ? FACE_TO_FACE_TIMEOUT : DEFAULT_TIMEOUT);
      }
    }
    NewOrder order =
        new NewOrder(
            call.app().appId(),
            outTradeNo.get(),
            call.method(),
            productCode,
            amount.get(),
            subject.get(),
            body.orElse(null),
            passback.orElse(null),
            call.param("notify_url").orElse(null),
            call.param("return_url").orElse(null),
            call.charset().name().toLowerCase());
    return new Valid(order, expiresAt);
  }

  /** {@code Nm}/{@code Nh}/{@code Nd} in 1m..15d (wap at least 5m), or {@code 1c}: midnight. */
  private static Optional<Instant> relative(String text, Instant now, String productCode) {
    if (text.equals("1c")) {
      LocalDate today = now.atZone(AlipayTime.BEIJING).toLocalDate();
      return Optional.of(today.plusDays(1).atStartOfDay(AlipayTime.BEIJING).toInstant());
    }
    Matcher m = TIMEOUT.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
    Duration min =
        productCode.equals("QUICK_WAP_WAY") ? Duration.ofMinutes(5) : Duration.ofMinutes(1);
    if (d.compareTo(min) < 0 || d.compareTo(MAX_TIMEOUT) > 0) {
      return Optional.empty();
    }
    return Optional.of(now.plus(d));
  }

  private static Invalid invalid(String detail) {
    return new Invalid(GatewayError.invalidParameter(detail));
  }
}
