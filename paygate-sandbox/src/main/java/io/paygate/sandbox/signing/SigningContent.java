package io.paygate.sandbox.signing;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The string Alipay signs: parameters sorted by name, empty values and excluded names dropped,
 * {@code k=v} joined with {@code &}, values raw (decoded, not URL-encoded).
 */
public final class SigningContent {

  /** Requests keep {@code sign_type} in the signed content. */
  public static final Set<String> REQUEST_EXCLUDED = Set.of("sign");

  /** Notifies and return URLs leave out both. */
  public static final Set<String> NOTIFY_EXCLUDED = Set.of("sign", "sign_type");

  private SigningContent() {}

  public static String of(Map<String, String> params, Set<String> excluded) {
    return new TreeMap<>(params)
        .entrySet().stream()
            .filter(e -> !excluded.contains(e.getKey()))
            .filter(e -> e.getValue() != null && !e.getValue().isEmpty())
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("&"));
  }
}
