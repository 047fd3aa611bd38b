package io.paygate.alipay.wire;

import io.paygate.core.channel.ChannelTradeStatus;
import java.util.Optional;

/** Alipay's trade_status values; anything else is not guessed at. */
public final class AlipayTradeStatuses {

  private AlipayTradeStatuses() {}

  public static Optional<ChannelTradeStatus> read(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (ChannelTradeStatus status : ChannelTradeStatus.values()) {
      if (status.name().equals(text.strip())) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
