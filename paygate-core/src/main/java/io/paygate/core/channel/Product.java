package io.paygate.core.channel;

/** The cashier a payment uses. */
public enum Product {
  /** PC web cashier (FAST_INSTANT_TRADE_PAY). */
  PAGE,
  /** Mobile web cashier (QUICK_WAP_WAY). */
  WAP,
  /**
   * Face to face, the shop shows a QR code (当面付 precreate, FACE_TO_FACE_PAYMENT): the buyer scans
   * it with the Alipay app. No cashier form.
   */
  QR,
  /** Face to face, the shop scans the buyer's payment code (付款码, alipay.trade.pay bar_code). */
  BARCODE
}
