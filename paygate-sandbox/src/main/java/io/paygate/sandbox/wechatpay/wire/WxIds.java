package io.paygate.sandbox.wechatpay.wire;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** Identifiers shaped as WeChat Pay's are; random, so two sandboxes never agree by chance. */
public final class WxIds {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALNUM =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private WxIds() {}

  public static String digits(int count) {
    StringBuilder out = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      out.append((char) ('0' + RANDOM.nextInt(10)));
    }
    return out.toString();
  }

  public static String alnum(int count) {
    StringBuilder out = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      out.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
    }
    return out.toString();
  }

  public static String hex(int count) {
    StringBuilder out = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      out.append(Character.forDigit(RANDOM.nextInt(16), 16));
    }
    return out.toString();
  }

  /** 28 digits starting {@code 42}, the day in the middle, like a real transaction_id. */
  public static String transactionId(Instant now) {
    return "42" + digits(8) + DAY.format(now.atOffset(WxTime.BEIJING)) + digits(10);
  }

  /** 29 digits starting {@code 50}, like a real refund_id. */
  public static String refundId(Instant now) {
    return "50" + digits(9) + DAY.format(now.atOffset(WxTime.BEIJING)) + digits(10);
  }

  /** {@code wx} + the second + 20 hex digits, like a real prepay_id. */
  public static String prepayId(Instant now) {
    return "wx" + SECOND.format(now.atOffset(WxTime.BEIJING)) + hex(20);
  }
}
