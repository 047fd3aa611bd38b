package io.paygate.core.channel;

import java.util.EnumSet;
import java.util.Set;

/**
 * The way a payment is taken. Each product declares its traits, and the rest of PayGate asks the
 * trait, never the product's name: a new product is one line here and its channel's mapping.
 */
public enum Product {
  /** A desktop browser's cashier page at the channel. */
  PAGE(Trait.CASHIER_PAGE),
  /** A phone browser's cashier page at the channel. */
  WAP(Trait.CASHIER_PAGE),
  /**
   * Face to face, the shop shows a QR code: the buyer scans it with the provider's app. No cashier
   * form.
   */
  QR(Trait.FACE_TO_FACE, Trait.CANCELLABLE, Trait.SHOWS_QR_CODE),
  /** Face to face, the shop scans the buyer's payment code and charges it. */
  BARCODE(Trait.FACE_TO_FACE, Trait.CANCELLABLE, Trait.CHARGES_PAYMENT_CODE),
  /** In the shop's own mobile app: a signed order string it hands to the provider's mobile SDK. */
  APP(Trait.APP_ORDER),
  /**
   * Inside the provider's app or a mini-program, for a buyer signed in there: a trade made for that
   * buyer, paid by the provider's JavaScript API.
   */
  JSAPI(Trait.FOR_A_SIGNED_IN_BUYER),
  /**
   * Whichever way the buyer arrives by: PayGate's own cashier page opens one of the others (its
   * {@code way}) and that way carries the payment. Never sent to a channel as such.
   */
  ANY(Trait.OPENS_ANOTHER_WAY);

  /** What a product is like, as the core and the server need to know it. */
  public enum Trait {
    /** Paid in person at a shop's counter. */
    FACE_TO_FACE,
    /** May be cancelled whatever its state: closed if unpaid, refunded in full if paid. */
    CANCELLABLE,
    /** The buyer's browser is sent to the channel's cashier page (a form). */
    CASHIER_PAGE,
    /** The buyer scans a QR code the shop shows. */
    SHOWS_QR_CODE,
    /** The shop scans the buyer's payment code and charges it at once. */
    CHARGES_PAYMENT_CODE,
    /** The shop's mobile app hands a signed order to the provider's SDK; its result is no proof. */
    APP_ORDER,
    /** The trade is made for one buyer, named at creation, who alone may pay it. */
    FOR_A_SIGNED_IN_BUYER,
    /** A choice made later: the product that carries the payment is its way, opened by a buyer. */
    OPENS_ANOTHER_WAY
  }

  private final Set<Trait> traits;

  Product(Trait first, Trait... rest) {
    this.traits = EnumSet.of(first, rest);
  }

  public boolean has(Trait trait) {
    return traits.contains(trait);
  }

  public boolean faceToFace() {
    return has(Trait.FACE_TO_FACE);
  }

  public boolean cancellable() {
    return has(Trait.CANCELLABLE);
  }

  public boolean hasCashierPage() {
    return has(Trait.CASHIER_PAGE);
  }

  public boolean showsQrCode() {
    return has(Trait.SHOWS_QR_CODE);
  }

  public boolean chargesPaymentCode() {
    return has(Trait.CHARGES_PAYMENT_CODE);
  }

  public boolean appOrder() {
    return has(Trait.APP_ORDER);
  }

  public boolean needsBuyer() {
    return has(Trait.FOR_A_SIGNED_IN_BUYER);
  }

  /** Whether the payment is carried by a way chosen when the buyer arrives ({@link #ANY}). */
  public boolean opensAnotherWay() {
    return has(Trait.OPENS_ANOTHER_WAY);
  }
}
