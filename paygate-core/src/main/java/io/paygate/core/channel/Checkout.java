package io.paygate.core.channel;

import java.util.Map;

/**
 * What a buyer is given to pay one order with, in the shape the channel's product takes. The server
 * shows or hands it on as it is; it is never proof of payment.
 */
public sealed interface Checkout {

  /** An auto-submitting HTML form that takes the buyer's browser to the channel's cashier page. */
  record Form(String html) implements Checkout {}

  /** The text a QR code encodes, for the buyer to scan with the provider's app. */
  record QrCode(String content) implements Checkout {}

  /** A URL the buyer's browser is sent to (a cashier the channel hosts). */
  record Redirect(String url) implements Checkout {}

  /**
   * A signed order a shop's mobile app hands to the provider's SDK.
   *
   * @param orderString the signed order string, when the provider's SDK takes one
   * @param payParams the signed parameters, when the provider's SDK takes those instead; else empty
   * @param prepayId the provider's number for the prepared trade, when it gives one; else null
   */
  record AppOrder(String orderString, Map<String, String> payParams, String prepayId)
      implements Checkout {
    public AppOrder {
      payParams = Map.copyOf(payParams);
    }

    /** An app order the provider gives no number for before it is paid. */
    public AppOrder(String orderString, Map<String, String> payParams) {
      this(orderString, payParams, null);
    }
  }

  /**
   * A trade prepared for a buyer already signed in, paid inside the provider's app or mini-program
   * by its JavaScript API.
   *
   * @param prepayId the provider's number for the prepared trade (a trade_no, a prepay_id)
   * @param payParams the signed parameters the page's JavaScript passes on, when the provider asks
   *     for them; else empty
   */
  record JsapiPrepay(String prepayId, Map<String, String> payParams) implements Checkout {
    public JsapiPrepay {
      payParams = Map.copyOf(payParams);
    }
  }
}
