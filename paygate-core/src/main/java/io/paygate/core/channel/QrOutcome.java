package io.paygate.core.channel;

/** The channel's answer to precreating a face-to-face order. */
public sealed interface QrOutcome {

  /** The text the QR code encodes (Alipay's {@code qr_code}, a URL the Alipay app opens). */
  record Created(String qrCode) implements QrOutcome {}

  record Refused(ChannelError error) implements QrOutcome {}

  record Unknown(String reason) implements QrOutcome {}
}
