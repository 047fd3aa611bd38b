package io.paygate.server.database;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Records every statement the server's own database runs, and every commit, while a scenario runs:
 * a thin JDBC proxy around the application's {@link DataSource} (the sandbox keeps its own
 * database, never counted). Statements are recorded with their thread, so work that goes on after
 * the answer (a webhook worker's attempt) can be told from the request's.
 */
public final class CountedStatements {

  /** A statement run (or a commit, with sql {@code COMMIT}) on a thread. */
  public record Recorded(String thread, String sql) {
    public boolean isCommit() {
      return sql.equals("COMMIT");
    }

    public boolean locks() {
      return sql.toUpperCase(Locale.ROOT).contains("FOR UPDATE");
    }
  }

  private static final Set<String> EXECUTES =
      Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch");

  private static final List<Recorded> RECORDED = new ArrayList<>();
  private static volatile boolean recording;

  private CountedStatements() {}

  /** Runs the scenario and returns what it ran on the server's request threads, in order. */
  public static List<Recorded> during(Runnable scenario) {
    synchronized (RECORDED) {
      RECORDED.clear();
    }
    recording = true;
    try {
      scenario.run();
    } finally {
      recording = false;
    }
    synchronized (RECORDED) {
      // Tomcat's request threads: the answer's work, not a webhook worker's after it.
      return RECORDED.stream().filter(r -> r.thread().startsWith("http-nio")).toList();
    }
  }

  /** The statements alone, commits left out. */
  public static List<String> statements(List<Recorded> recorded) {
    return recorded.stream().filter(r -> !r.isCommit()).map(Recorded::sql).toList();
  }

  /** How many locks each transaction took (a transaction ends at its commit, per thread). */
  public static List<Integer> locksPerTransaction(List<Recorded> recorded) {
    List<Integer> locks = new ArrayList<>();
    java.util.Map<String, Integer> open = new java.util.LinkedHashMap<>();
    for (Recorded r : recorded) {
      if (r.isCommit()) {
        locks.add(open.getOrDefault(r.thread(), 0));
        open.remove(r.thread());
      } else if (r.locks()) {
        open.merge(r.thread(), 1, Integer::sum);
      }
    }
    return locks;
  }

  private static void record(String sql) {
    if (recording) {
      synchronized (RECORDED) {
        RECORDED.add(new Recorded(Thread.currentThread().getName(), sql));
      }
    }
  }

  /** Wraps the application's data source; import it into a test's context. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class Wiring {
    @Bean
    static BeanPostProcessor countedDataSource() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
          return bean instanceof DataSource source && name.equals("dataSource")
              ? proxy(DataSource.class, source, null)
              : bean;
        }
      };
    }
  }

  private static <T> T proxy(Class<T> type, Object target, String sql) {
    InvocationHandler handler =
        (self, method, args) -> {
          Object result = invoke(method, target, args);
          if (result instanceof Connection c) {
            return proxy(Connection.class, c, null);
          }
          if (result instanceof Statement s && target instanceof Connection) {
            String prepared =
                args != null && args.length > 0 && args[0] instanceof String text ? text : null;
            Class<?> statementType =
                result instanceof java.sql.CallableStatement
                    ? java.sql.CallableStatement.class
                    : result instanceof java.sql.PreparedStatement
                        ? java.sql.PreparedStatement.class
                        : Statement.class;
            return proxy(statementType, s, prepared);
          }
          return result;
        };
    return type.cast(
        Proxy.newProxyInstance(
            CountedStatements.class.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> {
              String name = method.getName();
              if (target instanceof Statement && EXECUTES.contains(name)) {
                record(
                    args != null && args.length > 0 && args[0] instanceof String text ? text : sql);
              }
              if (target instanceof Connection && name.equals("commit")) {
                record("COMMIT");
              }
              if (name.equals("unwrap")
                  && args[0] instanceof Class<?> wanted
                  && wanted.isInstance(target)) {
                return target;
              }
              return handler.invoke(self, method, args);
            }));
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
