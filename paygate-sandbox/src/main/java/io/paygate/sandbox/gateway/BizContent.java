package io.paygate.sandbox.gateway;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The parsed {@code biz_content} object, read leniently: strings or JSON numbers both work. */
public record BizContent(JsonNode json) {

  /** The text of a scalar field; empty when absent, null or blank. */
  public Optional<String> text(String name) {
    JsonNode node = json.get(name);
    if (node == null || node.isNull() || node.isContainer()) {
      return Optional.empty();
    }
    String value = node.isNumber() ? node.decimalValue().toPlainString() : node.asString();
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /** Whether the {@code query_options} array names {@code option}. */
  public boolean queryOption(String option) {
    JsonNode options = json.get("query_options");
    if (options == null || !options.isArray()) {
      return false;
    }
    for (JsonNode node : options) {
      if (option.equals(node.asString())) {
        return true;
      }
    }
    return false;
  }

  public boolean has(String name) {
    return text(name).isPresent();
  }
}
