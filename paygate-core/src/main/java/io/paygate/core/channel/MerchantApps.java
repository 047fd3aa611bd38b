package io.paygate.core.channel;

import java.util.Map;
import java.util.Set;

/**
 * The merchant's apps at the channel, by the names PayGate gives them, with the products each may
 * sell. Every payment belongs to one; a request that names none goes to the default: the only app,
 * or the one named {@value #DEFAULT} among several.
 */
public record MerchantApps(Map<String, Set<Product>> products) {

  public static final String DEFAULT = "default";

  public MerchantApps {
    if (products.isEmpty()) {
      throw new IllegalArgumentException("at least one app");
    }
    products = Map.copyOf(products);
  }

  public static MerchantApps one(String name) {
    return new MerchantApps(Map.of(name, Set.of(Product.values())));
  }

  public Set<String> names() {
    return new java.util.TreeSet<>(products.keySet());
  }

  /** The app a payment without one belongs to, or null when several apps leave it open. */
  public String defaultApp() {
    if (products.size() == 1) {
      return products.keySet().iterator().next();
    }
    return products.containsKey(DEFAULT) ? DEFAULT : null;
  }
}
