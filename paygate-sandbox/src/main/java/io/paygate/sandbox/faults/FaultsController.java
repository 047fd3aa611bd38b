package io.paygate.sandbox.faults;

import io.paygate.sandbox.gateway.GatewayApis;
import io.paygate.sandbox.problems.SandboxProblem;
import io.paygate.sandbox.wechatpay.wire.WxOperations;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Control API for fault injection: {@code PUT /sandbox/api/faults} replaces the whole set, {@code
 * GET} shows it (with what is left of counted rules), {@code DELETE} clears it. Rules are kept in
 * the sandbox database.
 */
@RestController
public class FaultsController {

  static final int MAX_HOLD_SECONDS = 30;
  static final long MAX_DELAY_SECONDS = Duration.ofDays(15).toSeconds();
  private static final int MAX_RULES = 50;
  private static final Set<String> TOP = Set.of("gateway", "notify");
  private static final Set<String> GATEWAY_FIELDS =
      Set.of("kind", "methods", "share", "count", "hold_seconds", "delay_seconds");
  private static final Set<String> NOTIFY_FIELDS =
      Set.of("kind", "share", "count", "delay_seconds");
  private static final String REFUND_METHOD = "alipay.trade.refund";

  private final FaultRepository rules;
  private final GatewayApis apis;
  private final FaultViews views;

  public FaultsController(FaultRepository rules, GatewayApis apis, FaultViews views) {
    this.rules = rules;
    this.apis = apis;
    this.views = views;
  }

  @GetMapping("/sandbox/api/faults")
  Map<String, Object> show() {
    return views.all();
  }

  @PutMapping("/sandbox/api/faults")
  Map<String, Object> replace(@RequestBody JsonNode body) {
    if (body == null || !body.isObject()) {
      throw bad(
          "INVALID_FAULTS",
          "The body must be a JSON object {gateway: [...], notify: [...]}.",
          null);
    }
    for (String name : body.propertyNames()) {
      if (!TOP.contains(name)) {
        throw bad("UNKNOWN_FIELD", "Unknown field " + name + "; use gateway and notify.", name);
      }
    }
    List<FaultRule> parsed = new ArrayList<>();
    parsed.addAll(list(body.get("gateway"), FaultScope.GATEWAY));
    parsed.addAll(list(body.get("notify"), FaultScope.NOTIFY));
    rules.replace(parsed);
    return show();
  }

  @DeleteMapping("/sandbox/api/faults")
  Map<String, Object> clear() {
    rules.clear();
    return show();
  }

  private List<FaultRule> list(JsonNode node, FaultScope scope) {
    String name = scope.name().toLowerCase();
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw bad("INVALID_FAULTS", name + " must be an array of rules.", name);
    }
    if (node.size() > MAX_RULES) {
      throw bad("TOO_MANY_RULES", "At most " + MAX_RULES + " rules per scope.", name);
    }
    List<FaultRule> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      out.add(rule(node.get(i), scope, name + "[" + i + "]"));
    }
    return out;
  }

  private FaultRule rule(JsonNode node, FaultScope scope, String path) {
    if (!node.isObject()) {
      throw bad("INVALID_FAULTS", path + " must be an object.", path);
    }
    Set<String> allowed = scope == FaultScope.GATEWAY ? GATEWAY_FIELDS : NOTIFY_FIELDS;
    for (String field : node.propertyNames()) {
      if (!allowed.contains(field)) {
        throw bad(
            "UNKNOWN_FIELD",
            path + "." + field + " is not a field of a " + scope.name().toLowerCase() + " rule.",
            path + "." + field);
      }
    }
    JsonNode kindNode = node.get("kind");
    FaultKind kind =
        kindNode != null && kindNode.isString()
            ? FaultKind.of(scope, kindNode.asString()).orElse(null)
            : null;
    if (kind == null) {
      throw bad(
          "INVALID_FAULT_KIND",
          path
              + ".kind must be one of "
              + java.util.Arrays.stream(FaultKind.values())
                  .filter(k -> k.scope() == scope)
                  .map(FaultKind::wireName)
                  .toList()
              + ".",
          path + ".kind");
    }
    List<String> methods =
        scope == FaultScope.GATEWAY ? methods(node.get("methods"), path) : List.of();
    if (kind == FaultKind.REFUND_PROCESSING) {
      // Only a refund can be "processing"; say so rather than keep a rule that never acts.
      // With no methods it is Alipay's; WeChat Pay's refunds are named to be included.
      if (methods.stream()
          .anyMatch(m -> !m.equals(REFUND_METHOD) && !m.equals(WxOperations.REFUND))) {
        throw bad(
            "METHOD_NOT_ALLOWED",
            path
                + ".methods: refund_processing only applies to "
                + REFUND_METHOD
                + " and "
                + WxOperations.REFUND
                + ".",
            path + ".methods");
      }
      if (methods.isEmpty()) {
        methods = List.of(REFUND_METHOD);
      }
    }
    BigDecimal share = share(node.get("share"), path);
    Integer count = count(node.get("count"), path);
    Integer seconds = null;
    String secondsField = kind.secondsField().orElse(null);
    for (String field : List.of("hold_seconds", "delay_seconds")) {
      if (node.has(field) && !field.equals(secondsField)) {
        throw bad(
            "FIELD_NOT_ALLOWED",
            path
                + "."
                + field
                + " only goes with kind "
                + (field.startsWith("hold")
                    ? "timeout or lost"
                    : scope == FaultScope.GATEWAY ? "refund_processing" : "delay")
                + ".",
            path + "." + field);
      }
    }
    if (secondsField != null) {
      long max = secondsField.equals("hold_seconds") ? MAX_HOLD_SECONDS : MAX_DELAY_SECONDS;
      JsonNode value = node.get(secondsField);
      if (value == null
          || !value.isIntegralNumber()
          || value.asLong() < 1
          || value.asLong() > max) {
        throw bad(
            "INVALID_SECONDS",
            path + "." + secondsField + " is required: a whole number from 1 to " + max + ".",
            path + "." + secondsField);
      }
      seconds = value.asInt();
    }
    return new FaultRule(0, kind, methods, share, count, count, seconds);
  }

  /** The seconds a kind takes: hold_seconds (real time) or delay_seconds (virtual time). */
  private List<String> methods(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw bad(
          "INVALID_METHODS",
          path + ".methods must be an array of method names.",
          path + ".methods");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode each : node) {
      // The offline WeChat Pay shares the rules: its APIs are named as WxOperations lists them.
      if (!each.isString()
          || !(apis.methods().contains(each.asString())
              || WxOperations.ALL.contains(each.asString()))) {
        throw bad(
            "UNKNOWN_METHOD",
            path + ".methods: " + each + " is not a method of this gateway " + apis.methods() + ".",
            path + ".methods");
      }
      out.add(each.asString());
    }
    return out;
  }

  private static BigDecimal share(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return BigDecimal.ONE;
    }
    BigDecimal share = null;
    if (node.isNumber()) {
      share = node.decimalValue();
    } else if (node.isString()) {
      try {
        share = new BigDecimal(node.asString());
      } catch (NumberFormatException e) {
        share = null;
      }
    }
    if (share == null
        || share.signum() < 0
        || share.compareTo(BigDecimal.ONE) > 0
        || share.stripTrailingZeros().scale() > 4) {
      throw bad(
          "INVALID_SHARE",
          path + ".share must be a number from 0.0 to 1.0 (4 decimals at most).",
          path + ".share");
    }
    return share;
  }

  private static Integer count(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > 1_000_000) {
      throw bad(
          "INVALID_COUNT",
          path + ".count must be a whole number from 1 to 1000000.",
          path + ".count");
    }
    return node.asInt();
  }

  private static SandboxProblem bad(String code, String detail, String field) {
    return SandboxProblem.badRequest(code, detail, field);
  }
}
