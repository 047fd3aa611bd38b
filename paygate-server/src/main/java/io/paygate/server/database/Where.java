package io.paygate.server.database;

import static io.paygate.server.database.Times.column;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A WHERE clause built from optional filters, with its parameters in order: a filter whose value is
 * absent adds nothing. For the listings and searches, which all filter the same way.
 */
public final class Where {

  private final StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
  private final List<Object> params = new ArrayList<>();

  /** {@code column = value}, when the value is there (enums by name). */
  public Where equal(String column, Object value) {
    if (present(value)) {
      sql.append(" AND ").append(column).append(" = ?");
      params.add(value instanceof Enum<?> e ? e.name() : value);
    }
    return this;
  }

  /** {@code from <= column < to}, each bound when given. */
  public Where between(String column, Instant from, Instant to) {
    if (from != null) {
      sql.append(" AND ").append(column).append(" >= ?");
      params.add(column(from));
    }
    if (to != null) {
      sql.append(" AND ").append(column).append(" < ?");
      params.add(column(to));
    }
    return this;
  }

  /** {@code column IN (values)}, when there are values. */
  public Where in(String column, java.util.Collection<String> values) {
    if (values != null && !values.isEmpty()) {
      sql.append(" AND ").append(column).append(" IN (").append(marks(values.size())).append(")");
      params.addAll(values);
    }
    return this;
  }

  /** {@code ?,?,…}: n parameter marks for an IN list. */
  public static String marks(int n) {
    return String.join(",", java.util.Collections.nCopies(n, "?"));
  }

  /** Any condition, with its parameters. */
  public Where and(String condition, Object... values) {
    sql.append(" AND ").append(condition);
    params.addAll(List.of(values));
    return this;
  }

  public String sql() {
    return sql.toString();
  }

  public List<Object> params() {
    return params;
  }

  public static boolean present(Object value) {
    return value != null && !(value instanceof String text && text.isBlank());
  }
}
