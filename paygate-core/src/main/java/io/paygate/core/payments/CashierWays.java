package io.paygate.core.payments;

import io.paygate.core.channel.Buyer;
import io.paygate.core.channel.Checkout;
import io.paygate.core.channel.CloseOutcome;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.TradeLookup;
import io.paygate.core.channel.TradeRef;
import io.paygate.core.channel.TradeState;
import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.transactions.Transactions;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The ways a {@code product: any} payment's cashier opens: one out_trade_no, carried by whichever
 * product the buyer arrives by.
 *
 * <p>The channel keeps one trade per out_trade_no, made for the product (and buyer) that first
 * opened it, and never reopens a closed one. So closing the first way to open a second would leave
 * the buyer nothing to pay with; instead:
 *
 * <ul>
 *   <li>a way nobody opened yet at the channel (a QR code not scanned, a cashier form not
 *       submitted) is only an order there, and the next way opened takes its place: the channel
 *       answers the old code or form as no longer valid;
 *   <li>a way a buyer has opened there (scanned, signed in, a JSAPI trade made for a buyer) holds
 *       the out_trade_no until the payment ends: another way is refused ({@link Held}), and the
 *       channel itself refuses a second product for it, should two arrive at once.
 * </ul>
 *
 * One trade per out_trade_no cannot be paid twice. Money paid for it after PayGate closed the
 * payment is booked and given back by the paid-after-close path, as for every product. Which way is
 * open is written in one place: the payment's {@code way} ({@link PaymentRepository#openWay}).
 */
public final class CashierWays {

  /** The products the cashier may open for an any payment. */
  public static final Set<Product> WAYS =
      EnumSet.of(Product.PAGE, Product.WAP, Product.QR, Product.JSAPI);

  private final PaymentService payments;
  private final PaymentRepository repository;
  private final Transactions transactions;
  private final Clock clock;

  public CashierWays(
      PaymentService payments,
      PaymentRepository repository,
      Transactions transactions,
      Clock clock) {
    this.payments = payments;
    this.repository = repository;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** What opening a way came to. */
  public sealed interface Opening {
    Payment payment();
  }

  /** The way is open: the buyer pays with {@code checkout}. */
  public record Opened(Payment payment, Checkout checkout) implements Opening {}

  /**
   * A buyer opened another way (or the JSAPI way for another buyer) at the channel first: that way
   * holds the payment ({@code payment.way()}) until it ends.
   */
  public record Held(Payment payment) implements Opening {}

  /** As {@link #open(String, String, Product, Buyer)}, at the channel the payment is at now. */
  public Opening open(String outTradeNo, Product wanted, Buyer buyer) {
    return open(outTradeNo, null, wanted, buyer);
  }

  /**
   * Opens {@code wanted} at {@code channelId} for the payment: for an any payment, the way it asks
   * for, if no buyer has opened another at the channel; for every other product, its own product at
   * its own channel only.
   *
   * <p>A way at another channel than the one opened before (WeChat Pay in WeChat's browser after
   * Alipay's QR code on a desktop, or the other way round) cannot take the earlier one's place at
   * that channel: the earlier trade is closed there first, when the channel has one (a code
   * scanned, a prepay made); a paid one, or one made for a signed-in buyer (JSAPI: that buyer is
   * paying in their app now), holds the payment. An earlier way the channel never saw (a QR code
   * not scanned yet) cannot be closed and may still be paid: that second charge is given back
   * ({@link SecondCharges}). Which channel the earlier way was at needs no record of its own: it is
   * the payment's channel, which follows the way opened last.
   *
   * @param channelId the channel to open the way at, or null for the payment's own
   * @param buyer the signed-in buyer, for JSAPI; else null
   * @throws PayGateException PAYMENT_NOT_PAYABLE when the payment is not open, or is not taken that
   *     way; the channel's refusal or silence as {@link PaymentService#checkout(Payment)}
   */
  public Opening open(String outTradeNo, String channelId, Product wanted, Buyer buyer) {
    Payment payment = payments.get(outTradeNo);
    String channel = channelId == null ? payment.channel() : channelId;
    if (!payment.product().opensAnotherWay()) {
      if (payment.product() != wanted || !payment.channel().equals(channel)) {
        throw notThatWay(payment.product());
      }
      return new Opened(payment, payments.checkout(payment));
    }
    if (!WAYS.contains(wanted)) {
      throw new PayGateException(
          ErrorCode.PAYMENT_NOT_PAYABLE, "the cashier opens page, wap, qr or jsapi");
    }
    if (!sells(channel, payment.app(), wanted)) {
      throw new PayGateException(
          ErrorCode.PAYMENT_NOT_PAYABLE,
          "channel "
              + channel
              + " does not take "
              + wanted.name().toLowerCase(Locale.ROOT)
              + " for app "
              + payment.app());
    }
    Buyer forBuyer = wanted.needsBuyer() ? Objects.requireNonNull(buyer, "buyer") : null;
    if (payment.status() != PaymentStatus.PENDING) {
      return new Held(payment);
    }
    boolean sameChannel = payment.channel().equals(channel);
    if (sameChannel && payment.way() == wanted && Objects.equals(payment.buyer(), forBuyer)) {
      return new Opened(payment, payments.checkout(payment));
    }
    if (payment.way() != null) {
      // Another way was opened first: it holds the out_trade_no if a buyer opened it there.
      TradeRef earlier = new TradeRef(payment.app(), outTradeNo, payment.tradeNo());
      TradeLookup lookup = payments.channelOf(payment).queryTrade(earlier);
      if (lookup instanceof TradeLookup.Found found) {
        // At the same channel, a trade found is one a buyer opened; at any channel, a way made for
        // a signed-in buyer (JSAPI) is that buyer paying in their app now, and a paid one is paid.
        if (sameChannel
            || payment.buyer() != null
            || found.trade().status() != TradeState.AWAITING_PAYMENT) {
          return new Held(payments.sync(outTradeNo));
        }
        // At another channel: closed there before the new way is made.
        CloseOutcome closed = payments.channelOf(payment).close(earlier);
        if (!(closed instanceof CloseOutcome.Closed)) {
          Payment synced = payments.sync(outTradeNo);
          if (synced.status() != PaymentStatus.PENDING) {
            return new Held(synced);
          }
          throw new PayGateException(
              ErrorCode.CHANNEL_UNAVAILABLE,
              "the order's first way could not be closed at " + payment.channel() + "; ask again");
        }
      } else if (!(lookup instanceof TradeLookup.NotFound)) {
        throw new PayGateException(
            ErrorCode.CHANNEL_UNAVAILABLE,
            "the channel did not say whether the order's first way was opened; ask again");
      }
    }
    Payment switched =
        transactions
            .inTransaction(
                () -> repository.openWay(payment, channel, wanted, forBuyer, clock.instant()))
            .orElseThrow(
                () ->
                    new PayGateException(
                        ErrorCode.PAYMENT_NOT_PAYABLE,
                        "the payment changed meanwhile (another way opened, or it ended); ask"
                            + " again"));
    return new Opened(switched, payments.checkout(switched));
  }

  /** Whether the channel is configured and sells the way to the payment's app. */
  public boolean sells(String channelId, String app, Product way) {
    if (!payments.channels().has(channelId)) {
      return false;
    }
    Set<Product> sold = payments.channels().of(channelId).apps().products().get(app);
    return sold != null && sold.contains(way);
  }

  private static PayGateException notThatWay(Product product) {
    return new PayGateException(
        ErrorCode.PAYMENT_NOT_PAYABLE,
        "this payment is taken by " + product.name().toLowerCase(Locale.ROOT) + " only");
  }
}
