package io.paygate.core.channel;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Port: a payment channel. Implementations translate the channel's protocol into these outcomes;
 * the domain never sees the channel's own types.
 *
 * <p>No method throws for the channel's answers: a refusal, a timeout or a system error is an
 * outcome, so callers must decide what each means.
 */
public interface PaymentChannel {

  /**
   * The channel's name in routes and records ({@code /channels/{id}/notify}): lower-case letters,
   * the same for every app of the channel.
   */
  String id();

  /** The merchant's apps this channel reaches; every order and lookup names one of them. */
  MerchantApps apps();

  /** The limits the channel sets on what it is sent, and the pauses it asks for. */
  ChannelRules rules();

  /**
   * What the buyer pays the order with, in its product's shape: a cashier form, a QR code, a
   * redirect, an app order, a JSAPI prepay. The same order asked again gets the same checkout (the
   * same trade at the channel), so asking is safe to repeat.
   */
  CheckoutOutcome checkout(PayOrder order);

  /** Charges the buyer whose payment code ({@code authCode}) the shop scanned. */
  BarcodeOutcome payBarcode(PayOrder order, String authCode);

  TradeLookup queryTrade(TradeRef trade);

  RefundOutcome refund(RefundOrder order);

  RefundLookup queryRefund(TradeRef trade, String outRequestNo);

  CloseOutcome close(TradeRef trade);

  /**
   * Cancels a face-to-face trade whatever its state: closed if unpaid, refunded in full if paid.
   * Safe to repeat: the channel answers a cancelled trade the same again.
   */
  CancelOutcome cancel(TradeRef trade);

  /**
   * Downloads and reads the channel's bill of one day (in the channel's own time zone): the
   * payments and refunds of that app it finished that day, for reconciliation.
   */
  BillLookup bill(String app, LocalDate date);

  /**
   * Exchanges a buyer's auth code (handed by the provider's app to a mini-program or an authorised
   * page) for who the buyer is to the app: a user id, or an open id for an app in OpenID mode. A
   * code is good once.
   */
  SignInOutcome signIn(String app, String authCode);

  /**
   * The provider's sign-in page for a buyer whose browser is inside the provider's app (OAuth,
   * silent: only who the buyer is), which sends the browser back to {@code redirectUri} with an
   * auth code for {@link #signIn} and {@code state}. Empty when the channel has none.
   */
  default Optional<String> signInPage(String app, String redirectUri, String state) {
    return Optional.empty();
  }

  /**
   * The payment a shop's mobile app says its buyer paid, when the synchronous result the provider's
   * SDK handed the app ({@code result}) carries the provider's genuine signature for the app; empty
   * otherwise. Proof of nothing but that the provider wrote it: the payment is asked about, never
   * booked from it.
   */
  Optional<String> verifyAppResult(String app, String result);

  /**
   * Checks an asynchronous notification completely, whatever its shape (a form, JSON with signed
   * headers, an encrypted resource): its signature and that it was sent to our merchant account,
   * then reads it. Verified means genuine and ours, and names the app it was sent for; the domain
   * checks the rest (that the trade is one of that app's, for our amount). Either answer carries
   * the replies the provider expects. Never throws for what arrives from outside.
   */
  NotificationCheck verify(InboundNotification notification);

  /**
   * The payment a buyer's browser comes back from the channel's cashier for, when the return's
   * signature verifies ({@code query}: the return URL's raw query string); empty otherwise. Proof
   * of nothing but that the channel sent the buyer back.
   */
  Optional<String> verifyReturn(String query);
}
