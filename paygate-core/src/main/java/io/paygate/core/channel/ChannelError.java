package io.paygate.core.channel;

/** The channel's own refusal: its code, sub_code and message, passed through to callers. */
public record ChannelError(String code, String subCode, String subMessage) {

  @Override
  public String toString() {
    return code + " " + subCode + " " + subMessage;
  }
}
