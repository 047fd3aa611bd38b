package io.paygate.alipay;

/**
 * The channel could not do its own part (build a signed cashier form). Not an answer from Alipay:
 * those are outcomes, never exceptions.
 */
public final class AlipayChannelException extends RuntimeException {

  public AlipayChannelException(String message, Throwable cause) {
    super(message, cause);
  }
}
