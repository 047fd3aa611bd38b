package io.paygate.sandbox.faults;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** How the fault rules are shown: by the control API and on the sandbox's home page. */
@Component
public class FaultViews {

  private final FaultRepository rules;

  public FaultViews(FaultRepository rules) {
    this.rules = rules;
  }

  /** {@code {gateway: [...], notify: [...]}}, as {@code GET /sandbox/api/faults} answers. */
  public Map<String, Object> all() {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("gateway", rules.all(FaultScope.GATEWAY).stream().map(FaultViews::view).toList());
    view.put("notify", rules.all(FaultScope.NOTIFY).stream().map(FaultViews::view).toList());
    return view;
  }

  /** One line per rule, for the sandbox's home page. */
  public List<String> activeDescriptions() {
    List<String> lines = new ArrayList<>();
    for (FaultScope scope : FaultScope.values()) {
      for (FaultRule rule : rules.all(scope)) {
        lines.add(scope.name().toLowerCase() + " " + view(rule));
      }
    }
    return lines;
  }

  static Map<String, Object> view(FaultRule rule) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("kind", rule.kind().wireName());
    if (rule.kind().scope() == FaultScope.GATEWAY) {
      view.put("methods", rule.methods());
    }
    view.put("share", new BigDecimal(rule.share().stripTrailingZeros().toPlainString()));
    if (rule.count() != null) {
      view.put("count", rule.count());
      view.put("remaining", rule.remaining());
    }
    rule.kind().secondsField().ifPresent(f -> view.put(f, rule.seconds()));
    return view;
  }
}
