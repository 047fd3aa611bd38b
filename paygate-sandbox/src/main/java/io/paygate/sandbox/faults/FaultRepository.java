package io.paygate.sandbox.faults;

import io.paygate.sandbox.database.SandboxDatabase;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The fault rules, kept in the sandbox database so a restart (or a second instance) sees them.
 * Counted rules are spent by a conditional update, so "the next N calls" is exact under load.
 */
@Repository
public class FaultRepository {

  private static final RowMapper<FaultRule> ROW =
      (rs, i) -> {
        String methods = rs.getString("methods");
        return new FaultRule(
            rs.getLong("id"),
            FaultKind.valueOf(rs.getString("kind")),
            methods == null || methods.isEmpty() ? List.of() : Arrays.asList(methods.split(",")),
            rs.getBigDecimal("share"),
            (Integer) rs.getObject("count_limit"),
            (Integer) rs.getObject("remaining"),
            (Integer) rs.getObject("seconds"));
      };

  private final SandboxDatabase db;

  public FaultRepository(SandboxDatabase db) {
    this.db = db;
  }

  public List<FaultRule> all(FaultScope scope) {
    return db.jdbc()
        .query(
            "SELECT id, kind, methods, share, count_limit, remaining, seconds FROM fault_rules"
                + " WHERE scope = ? ORDER BY id",
            ROW,
            scope.name());
  }

  /** Replaces every rule with {@code rules} (their ids are ignored), in one transaction. */
  public void replace(List<FaultRule> rules) {
    db.tx()
        .executeWithoutResult(
            status -> {
              db.jdbc().update("DELETE FROM fault_rules");
              for (FaultRule rule : rules) {
                db.jdbc()
                    .update(
                        "INSERT INTO fault_rules (scope, kind, methods, share, count_limit,"
                            + " remaining, seconds) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        rule.kind().scope().name(),
                        rule.kind().name(),
                        rule.methods().isEmpty() ? null : String.join(",", rule.methods()),
                        rule.share(),
                        rule.count(),
                        rule.count(),
                        rule.seconds());
              }
            });
  }

  public void clear() {
    db.jdbc().update("DELETE FROM fault_rules");
  }

  /** Takes one hit of a rule: always true for unlimited rules; false once a count is spent. */
  public boolean spend(FaultRule rule) {
    if (rule.count() == null) {
      return true;
    }
    return db.jdbc()
            .update(
                "UPDATE fault_rules SET remaining = remaining - 1 WHERE id = ? AND remaining > 0",
                rule.id())
        == 1;
  }
}
