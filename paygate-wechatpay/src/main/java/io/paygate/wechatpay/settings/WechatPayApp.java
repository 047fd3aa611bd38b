package io.paygate.wechatpay.settings;

import io.paygate.core.channel.Product;
import java.util.Objects;
import java.util.Set;

/**
 * One appid bound to the merchant (an official account, a mini-program or a mobile app), under the
 * name PayGate gives it ({@code paygate.wechatpay.apps.<name>.appid}), with the products it sells.
 * An openid belongs to one appid, so a JSAPI order is made under the appid its buyer signed in at.
 *
 * @param products what the appid may sell: {@code QR} (Native), {@code WAP} (H5), {@code JSAPI}
 *     (official account or mini-program), {@code APP} (mobile app)
 * @param appSecret the appid's AppSecret (开发者密码, {@code paygate.wechatpay.apps.<name>.app-secret}),
 *     optional: only WeChat's web sign-in (the openid of a buyer in WeChat's browser) needs it.
 *     Never shown by {@link #toString()}.
 */
public record WechatPayApp(String appid, Set<Product> products, String appSecret) {

  /** The products WeChat Pay's API v3 takes from a normal merchant. */
  public static final Set<Product> SUPPORTED =
      Set.of(Product.QR, Product.WAP, Product.JSAPI, Product.APP);

  public WechatPayApp {
    Objects.requireNonNull(appid, "appid");
    appSecret = appSecret == null || appSecret.isBlank() ? null : appSecret.strip();
    products = Set.copyOf(products);
    if (!SUPPORTED.containsAll(products)) {
      throw new WechatPaySettingsException(
          "appid " + appid + " lists a product WeChat Pay does not sell: " + products);
    }
  }

  /** An appid without an AppSecret. */
  public WechatPayApp(String appid, Set<Product> products) {
    this(appid, products, null);
  }

  /** The same appid with its AppSecret, for WeChat's web sign-in. */
  public WechatPayApp withAppSecret(String secret) {
    return new WechatPayApp(appid, products, secret);
  }

  @Override
  public String toString() {
    return "WechatPayApp[appid="
        + appid
        + ", products="
        + products
        + ", appSecret="
        + (appSecret == null ? "none" : "(set)")
        + "]";
  }

  /** An appid that may sell every product (which of them it really may is WeChat's to say). */
  public static WechatPayApp of(String appid) {
    return new WechatPayApp(appid, SUPPORTED);
  }
}
