package io.paygate.server.apikeys;

import java.util.Set;

/**
 * Who called the API.
 *
 * @param id a stable name that is not the key: an API key's id, or {@code key_<digest prefix>} for
 *     the bootstrap or development key
 * @param apps the merchant's apps the key may use; empty for every app
 */
public record ApiCaller(String id, Scope scope, Set<String> apps) {

  public ApiCaller {
    apps = Set.copyOf(apps);
  }

  public boolean mayUse(String app) {
    return apps.isEmpty() || apps.contains(app);
  }
}
