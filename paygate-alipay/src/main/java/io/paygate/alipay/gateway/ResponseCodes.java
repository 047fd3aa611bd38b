package io.paygate.alipay.gateway;

import com.alipay.api.AlipayResponse;
import io.paygate.core.channel.ChannelError;

/**
 * Alipay's gateway codes read the one way PayGate reads them: branch on {@code code} and {@code
 * sub_code}, never on messages.
 */
public final class ResponseCodes {

  public static final String SUCCESS = "10000";
  public static final String IN_PROCESS = "10003";
  public static final String UNAVAILABLE = "20000";
  public static final String TRADE_NOT_EXIST = "ACQ.TRADE_NOT_EXIST";

  /**
   * Sub-codes that say "we could not process it, maybe": ACQ.SYSTEM_ERROR, aop.ACQ.SYSTEM_ERROR,
   * isp.unknow-error, aop.unknow-error. The outcome must be asked again.
   */
  private static boolean isUncertainSubCode(String subCode) {
    return subCode != null
        && (subCode.endsWith("SYSTEM_ERROR") || subCode.endsWith("unknow-error"));
  }

  private ResponseCodes() {}

  public static boolean isSuccess(AlipayResponse response) {
    return SUCCESS.equals(response.getCode()) && isBlank(response.getSubCode());
  }

  /**
   * 10003 without a sub_code. The SDK's own {@code isSuccess()} calls this a success (it looks at
   * sub_code only); it is not one.
   */
  public static boolean isInProcess(AlipayResponse response) {
    return IN_PROCESS.equals(response.getCode()) && isBlank(response.getSubCode());
  }

  public static boolean isTradeNotExist(AlipayResponse response) {
    return TRADE_NOT_EXIST.equals(response.getSubCode());
  }

  /**
   * True for system errors (20000, ACQ.SYSTEM_ERROR) and for anything without a sub_code that is
   * not a success: a refusal always names its reason, so an answer that does not is not one.
   */
  public static boolean isUncertain(AlipayResponse response) {
    return UNAVAILABLE.equals(response.getCode())
        || isUncertainSubCode(response.getSubCode())
        || (isBlank(response.getSubCode()) && !SUCCESS.equals(response.getCode()));
  }

  /** Alipay's refusal in neutral words: its sub_code (else code), its sub_msg (else msg). */
  public static ChannelError error(AlipayResponse response) {
    return new ChannelError(
        isBlank(response.getSubCode()) ? response.getCode() : response.getSubCode(),
        isBlank(response.getSubMsg()) ? response.getMsg() : response.getSubMsg());
  }

  /** "code sub_code sub_msg", for reasons and logs. */
  public static String describe(AlipayResponse response) {
    StringBuilder text = new StringBuilder(String.valueOf(response.getCode()));
    if (!isBlank(response.getSubCode())) {
      text.append(' ').append(response.getSubCode());
    }
    String message = isBlank(response.getSubMsg()) ? response.getMsg() : response.getSubMsg();
    if (!isBlank(message)) {
      text.append(' ').append(message);
    }
    return text.toString();
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
