package io.paygate.alipay.gateway;

import com.alipay.api.internal.util.AlipayLogger;

/**
 * The SDK's own logger writes every request URL with its signature and every error body, at SEVERE
 * for routine answers such as ACQ.TRADE_NOT_EXIST. PayGate records each exchange itself, redacted
 * ({@link ExchangeRecorder}), so the SDK's copy is switched off. The switch is JVM-wide (a static
 * in the SDK); turning it off twice is harmless.
 */
public final class SdkLogging {

  private SdkLogging() {}

  public static void silence() {
    AlipayLogger.setNeedEnableLogger(false);
  }
}
