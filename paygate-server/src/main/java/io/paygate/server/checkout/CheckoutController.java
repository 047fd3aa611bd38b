package io.paygate.server.checkout;

import io.paygate.core.channel.Buyer;
import io.paygate.core.channel.Channels;
import io.paygate.core.channel.Checkout;
import io.paygate.core.channel.Product;
import io.paygate.core.errors.ErrorCode;
import io.paygate.core.errors.PayGateException;
import io.paygate.core.payments.BuyerSignIn;
import io.paygate.core.payments.CashierWays;
import io.paygate.core.payments.Payment;
import io.paygate.core.payments.PaymentService;
import io.paygate.core.payments.PaymentStatus;
import io.paygate.server.PayGateProperties;
import io.paygate.server.pages.Labels;
import io.paygate.server.pages.PageController;
import io.paygate.server.payments.CashierFormPage;
import io.paygate.server.payments.QrImages;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /checkout/{out_trade_no}}, the one cashier (聚合收银台) that picks the way by where the buyer
 * is ({@link BuyerDevice}): a desktop browser gets the order, a QR code and a button to Alipay's
 * page cashier; a phone browser goes on to the wap cashier; inside the Alipay app the buyer is
 * signed in by Alipay's OAuth page and pays by JSAPI; inside WeChat (when WeChat Pay sells JSAPI to
 * the payment's app and has its AppSecret) the buyer is signed in by WeChat's OAuth page and pays
 * by WeChat's JSAPI, so one printed code takes either wallet (聚合码). The form paths need no script.
 * Which way a {@code product: any} payment has open, and at which channel, is {@link CashierWays}'s
 * to decide.
 */
@PageController
public class CheckoutController {

  /**
   * The OAuth {@code state} the sign-in started with, kept in the buyer's browser: a return that
   * does not carry it back did not start here (a forged link could otherwise open the JSAPI trade
   * for another buyer's auth code and hold the payment against the real one).
   */
  static final String STATE_COOKIE = "paygate_checkout_state";

  private static final Duration SIGN_IN_WINDOW = Duration.ofMinutes(10);

  /** The channel ids the cashier's ways are at. */
  static final String ALIPAY = "alipay";

  static final String WECHATPAY = "wechatpay";

  private final SecureRandom random = new SecureRandom();
  private final CashierWays ways;
  private final PaymentService payments;
  private final BuyerSignIn signIn;
  private final Channels channels;
  private final CashierFormPage formPage;
  private final String publicUrl;
  private final JsonMapper json;

  public CheckoutController(
      CashierWays ways,
      PaymentService payments,
      BuyerSignIn signIn,
      Channels channels,
      ResourceUrlProvider assets,
      PayGateProperties properties,
      JsonMapper json) {
    this.json = json;
    this.ways = ways;
    this.payments = payments;
    this.signIn = signIn;
    this.channels = channels;
    this.formPage = new CashierFormPage(assets);
    this.publicUrl = properties.publicUrl();
  }

  @GetMapping("/checkout/{outTradeNo}")
  public Object checkout(
      @PathVariable String outTradeNo,
      @RequestHeader(name = "User-Agent", required = false) String userAgent) {
    Payment payment = payments.get(outTradeNo);
    if (payment.status() != PaymentStatus.PENDING) {
      return page(payment);
    }
    BuyerDevice device = BuyerDevice.of(userAgent);
    if (device == BuyerDevice.WECHAT
        && payment.product() == Product.JSAPI
        && WECHATPAY.equals(payment.channel())) {
      // Made for its buyer's openid already: WeChat's JSAPI opens it as it is.
      return open(outTradeNo, WECHATPAY, Product.JSAPI, payment.buyer());
    }
    if (!payment.product().opensAnotherWay()) {
      // A payment of one product has one page of its own.
      return new ModelAndView("redirect:/pay/" + payment.outTradeNo());
    }
    String home = home();
    return switch (device) {
      case ALIPAY_APP -> signInFirst(payment, home, "/signed-in");
      case WECHAT ->
          ways.sells(WECHATPAY, payment.app(), Product.JSAPI)
              ? signInFirst(payment, WECHATPAY, "/wechat-signed-in")
              // No WeChat Pay for this payment: the code to scan, at least the order shown.
              : open(outTradeNo, home, Product.QR, null);
      case PHONE -> open(outTradeNo, home, Product.WAP, null);
      case DESKTOP -> open(outTradeNo, home, Product.QR, null);
    };
  }

  /** The desktop page's button: Alipay's page cashier in place of the QR code. */
  @GetMapping("/checkout/{outTradeNo}/page")
  public Object pageCashier(@PathVariable String outTradeNo) {
    return open(outTradeNo, home(), Product.PAGE, null);
  }

  /**
   * The desktop page's other button: WeChat Pay's code (Native) in place of Alipay's. One way is
   * open at a time, so the buyer picks the wallet rather than seeing both codes at once: a code
   * shown before stays payable at its channel only until the next way closes it there (or, never
   * scanned, is given back should it be paid after all).
   */
  @GetMapping("/checkout/{outTradeNo}/wechat-qr")
  public Object wechatQr(@PathVariable String outTradeNo) {
    return open(outTradeNo, WECHATPAY, Product.QR, null);
  }

  /**
   * The channel of the browser ways (QR, page, wap): Alipay when configured. WeChat Pay's H5 needs
   * the shop's domain registered with WeChat and its Native QR would be a second way open beside
   * Alipay's, which one payment's way cannot hold: neither is offered by the cashier.
   */
  private String home() {
    return channels.has(ALIPAY) ? ALIPAY : channels.defaultId();
  }

  /** Where Alipay's OAuth page sends the buyer back: sign in, open JSAPI, then its page. */
  @GetMapping("/checkout/{outTradeNo}/signed-in")
  public Object signedIn(
      @PathVariable String outTradeNo,
      @RequestParam(name = "auth_code", required = false) String authCode,
      @RequestParam(name = "state", required = false) String state,
      @CookieValue(name = STATE_COOKIE, required = false) String started) {
    return signedIn(outTradeNo, home(), authCode, state, started);
  }

  /**
   * Where WeChat's OAuth page sends the buyer back ({@code code}, not {@code auth_code}): the
   * openid, then WeChat's JSAPI pay.
   */
  @GetMapping("/checkout/{outTradeNo}/wechat-signed-in")
  public Object wechatSignedIn(
      @PathVariable String outTradeNo,
      @RequestParam(name = "code", required = false) String code,
      @RequestParam(name = "state", required = false) String state,
      @CookieValue(name = STATE_COOKIE, required = false) String started) {
    return signedIn(outTradeNo, WECHATPAY, code, state, started);
  }

  private Object signedIn(
      String outTradeNo, String channel, String authCode, String state, String started) {
    Payment payment = payments.get(outTradeNo);
    if (payment.status() != PaymentStatus.PENDING) {
      return page(payment);
    }
    if (state == null
        || started == null
        || !MessageDigest.isEqual(
            state.getBytes(StandardCharsets.UTF_8), started.getBytes(StandardCharsets.UTF_8))) {
      throw new PayGateException(
          ErrorCode.VALIDATION_FAILED,
          "this sign-in did not start at this cashier in this browser: open the cashier again",
          "state",
          null);
    }
    Buyer buyer = signIn.signIn(channel, payment.app(), authCode);
    CashierWays.Opening opening = ways.open(outTradeNo, channel, Product.JSAPI, buyer);
    if (opening instanceof CashierWays.Held held) {
      return heldPage(held.payment());
    }
    // A spent auth code must not be asked again on reload: the JSAPI page has its own address.
    return new ModelAndView("redirect:/checkout/" + outTradeNo + "/jsapi");
  }

  /** The JSAPI page: the trade made for the signed-in buyer, paid by Alipay's JavaScript API. */
  @GetMapping("/checkout/{outTradeNo}/jsapi")
  public Object jsapi(@PathVariable String outTradeNo) {
    Payment payment = payments.get(outTradeNo);
    if (payment.status() != PaymentStatus.PENDING
        || payment.way() != Product.JSAPI
        || payment.buyer() == null) {
      return page(payment);
    }
    return open(outTradeNo, payment.channel(), Product.JSAPI, payment.buyer());
  }

  private Object signInFirst(Payment payment, String channel, String returnPath) {
    String back = publicUrl + "/checkout/" + payment.outTradeNo() + returnPath;
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    String state = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    Optional<String> signInPage = channels.of(channel).signInPage(payment.app(), back, state);
    if (signInPage.isEmpty()) {
      return open(payment.outTradeNo(), home(), Product.QR, null);
    }
    // Lax: the way back from the provider's page is a top-level GET, which carries it.
    ResponseCookie started =
        ResponseCookie.from(STATE_COOKIE, state)
            .httpOnly(true)
            .secure(publicUrl.startsWith("https:"))
            .sameSite("Lax")
            .path("/checkout/" + payment.outTradeNo())
            .maxAge(SIGN_IN_WINDOW)
            .build();
    return ResponseEntity.status(HttpStatus.FOUND)
        .location(URI.create(signInPage.get()))
        .header("Cache-Control", "no-store")
        .header(HttpHeaders.SET_COOKIE, started.toString())
        .build();
  }

  private Object open(String outTradeNo, String channel, Product way, Buyer buyer) {
    CashierWays.Opening opening = ways.open(outTradeNo, channel, way, buyer);
    if (opening instanceof CashierWays.Held held) {
      return heldPage(held.payment());
    }
    CashierWays.Opened opened = (CashierWays.Opened) opening;
    Checkout checkout = opened.checkout();
    if (checkout instanceof Checkout.Form form) {
      return formPage.of(form.html());
    }
    ModelAndView page = page(opened.payment());
    if (checkout instanceof Checkout.QrCode qr) {
      try {
        page.addObject("qrImage", QrImages.dataUri(qr.content(), 240));
      } catch (PayGateException notNow) {
        page.addObject("qrError", notNow.getMessage());
      }
      if (WECHATPAY.equals(opened.payment().channel())) {
        if (!WECHATPAY.equals(home())) {
          page.addObject("alipayUrl", "/checkout/" + outTradeNo);
        }
      } else {
        page.addObject("pageUrl", "/checkout/" + outTradeNo + "/page");
        if (ways.sells(WECHATPAY, opened.payment().app(), Product.QR)) {
          page.addObject("wechatQrUrl", "/checkout/" + outTradeNo + "/wechat-qr");
        }
      }
    } else if (checkout instanceof Checkout.JsapiPrepay jsapi) {
      if (jsapi.payParams().isEmpty()) {
        page.addObject("jsapiTradeNo", jsapi.prepayId());
      } else {
        // WeChat's: the signed package WeixinJSBridge's getBrandWCPayRequest takes as it is.
        page.addObject("wxPayParams", json(jsapi.payParams()));
      }
    }
    return page;
  }

  /** The pay parameters as the JSON object the page's script hands WeChat. */
  private String json(Map<String, String> params) {
    return json.writeValueAsString(new TreeMap<>(params));
  }

  /** Another way holds the payment: the buyer finishes it there. */
  private static ModelAndView heldPage(Payment payment) {
    ModelAndView page = page(payment);
    if (payment.status() == PaymentStatus.PENDING) {
      page.addObject(
          "held",
          WECHATPAY.equals(payment.channel()) && payment.way() == Product.JSAPI
              ? "微信内支付 WeChat"
              : wayLabel(payment.way()));
      if (payment.way() == Product.PAGE) {
        page.addObject("pageUrl", "/checkout/" + payment.outTradeNo() + "/page");
      }
    }
    return page;
  }

  private static ModelAndView page(Payment payment) {
    ModelAndView page = new ModelAndView("checkout/cashier");
    page.addObject("payment", payment);
    page.addObject("wechat", WECHATPAY.equals(payment.channel()));
    page.addObject("statusLabel", Labels.INSTANCE.payment(payment.status()));
    return page;
  }

  private static String wayLabel(Product way) {
    if (way == null) {
      return "";
    }
    return switch (way) {
      case QR -> "扫码支付 a QR code";
      case PAGE -> "支付宝网页收银台 Alipay's cashier page";
      case WAP -> "支付宝手机收银台 Alipay's phone cashier";
      case JSAPI -> "支付宝 App 内支付 the Alipay app";
      default -> way.name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
