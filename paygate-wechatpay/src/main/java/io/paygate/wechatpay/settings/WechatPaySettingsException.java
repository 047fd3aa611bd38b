package io.paygate.wechatpay.settings;

/** The WeChat Pay settings are wrong; the message names what and where, never a secret. */
public class WechatPaySettingsException extends RuntimeException {

  public WechatPaySettingsException(String message) {
    super(message);
  }

  public WechatPaySettingsException(String message, Throwable cause) {
    super(message, cause);
  }
}
