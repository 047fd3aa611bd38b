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
 */
public record WechatPayApp(String appid, Set<Product> products) {

  /** The products WeChat Pay's API v3 takes from a normal merchant. */
  public static final Set<Product> SUPPORTED =
      Set.of(Product.QR, Product.WAP, Product.JSAPI, Product.APP);

  public WechatPayApp {
    Objects.requireNonNull(appid, "appid");
    products = Set.copyOf(products);
    if (!SUPPORTED.containsAll(products)) {
      throw new WechatPaySettingsException(
          "appid " + appid + " lists a product WeChat Pay does not sell: " + products);
    }
  }

  /** An appid that may sell every product (which of them it really may is WeChat's to say). */
  public static WechatPayApp of(String appid) {
    return new WechatPayApp(appid, SUPPORTED);
  }
}
