package io.paygate.server.postgres;

import com.github.kagkarlsson.scheduler.task.Task;
import io.paygate.server.PayGateApplication;
import io.paygate.server.ServerTestSupport;
import io.paygate.server.recovery.DueChecks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Several PayGate instances, each its own Spring application on its own port, over one fresh
 * PostgreSQL database on the shared embedded server. The first embeds the sandbox (no app
 * configured); the others are configured as a real Alipay app would be: the sandbox's default app,
 * its keys and seller, with the first instance's sandbox as their gateway and their own public URL,
 * so the sandbox notifies each for the payments created on it.
 */
abstract class ClusterTestSupport extends ServerTestSupport {

  protected static final EmbeddedPostgresServer POSTGRES = EmbeddedPostgresServer.shared();

  /** Which instance this thread's requests go to (see {@link #on}). */
  private static final ThreadLocal<Instance> TARGET = new ThreadLocal<>();

  protected final String database =
      getClass().getSimpleName().toLowerCase()
          + "_"
          + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  /** One running instance: its context and where it listens. */
  record Instance(String name, ConfigurableApplicationContext context, int port) {
    String base() {
      return "http://localhost:" + port;
    }

    <T> T bean(Class<T> type) {
      return context.getBean(type);
    }
  }

  protected void createDatabase() {
    sql("CREATE DATABASE " + database);
  }

  protected void dropDatabase() {
    try {
      sql("DROP DATABASE IF EXISTS " + database);
    } catch (IllegalStateException stillInUse) {
      System.err.println("left the test database behind: " + stillInUse.getMessage());
    }
  }

  protected String sandboxDatabase() {
    return "jdbc:h2:mem:" + database + "-sandbox;DB_CLOSE_DELAY=-1";
  }

  /** The instance that embeds the sandbox. */
  protected Instance startWithSandbox(String name, Clock clock, List<String> own) {
    List<String> args = new ArrayList<>(own);
    args.add("--paygate.sandbox.database-url=" + sandboxDatabase());
    // Beside a real database the sandbox runs only when asked for.
    args.add("--paygate.sandbox.enabled=true");
    return start(name, freePort(), clock, args);
  }

  /** An instance configured with the sandbox's default app, reached through the host's gateway. */
  protected Instance startAsApp(String name, Instance host, Clock clock, List<String> own) {
    List<String> args = new ArrayList<>(own);
    args.addAll(appArguments(host));
    return start(name, freePort(), clock, args);
  }

  /** The properties that make an instance the sandbox's default app, through the host's gateway. */
  protected List<String> appArguments(Instance host) {
    JsonNode app = on(host, () -> get("/sandbox/api/apps").json().get(0));
    return List.of(
        "--paygate.sandbox.enabled=false",
        "--paygate.alipay.app-id=" + app.get("app_id").asString(),
        "--paygate.alipay.private-key=" + app.get("app_private_key").asString(),
        "--paygate.alipay.app-public-key=" + app.get("app_public_key").asString(),
        "--paygate.alipay.alipay-public-key=" + app.get("alipay_public_key").asString(),
        "--paygate.alipay.seller-id=" + app.get("seller_id").asString(),
        "--paygate.alipay.gateway=" + host.base() + "/sandbox/gateway.do");
  }

  /**
   * The properties that make an instance the offline WeChat Pay's default merchant, through the
   * host's sandbox (for an instance started {@link #startAsApp as an app}: without a sandbox of its
   * own, it has WeChat Pay only when configured so).
   */
  protected List<String> wechatPayArguments(Instance host) {
    io.paygate.sandbox.wechatpay.merchants.Merchant m =
        host.bean(io.paygate.sandbox.wechatpay.merchants.WxMerchants.class).defaultMerchant();
    return List.of(
        "--paygate.wechatpay.mchid=" + m.mchid(),
        "--paygate.wechatpay.apps.default.appid=" + m.appid(),
        "--paygate.wechatpay.private-key=" + m.merchantPrivateKey(),
        "--paygate.wechatpay.merchant-serial-no=" + m.merchantSerialNo(),
        "--paygate.wechatpay.merchant-cert=" + m.merchantCertificate(),
        "--paygate.wechatpay.apiv3-key=" + m.apiV3Key(),
        "--paygate.wechatpay.public-key=" + m.publicKey(),
        "--paygate.wechatpay.public-key-id=" + m.publicKeyId(),
        "--paygate.wechatpay.base-url=" + host.base() + "/sandbox/wechatpay");
  }

  /**
   * @param clock the instance's injected clock, or null for the system clock
   */
  private Instance start(String name, int port, Clock clock, List<String> own) {
    String dataDir;
    try {
      dataDir = Files.createTempDirectory("paygate-" + database + "-" + name + "-").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> args = commonArguments(port, dataDir);
    // The tests drive the work themselves; the sandbox's real-time scheduler stays off too.
    args.add("--paygate.jobs.enabled=false");
    args.add("--paygate.sandbox.background-interval=0s");
    args.addAll(own);
    SpringApplicationBuilder builder =
        new SpringApplicationBuilder(PayGateApplication.class).bannerMode(Banner.Mode.OFF);
    if (clock != null) {
      builder.initializers(context -> context.getBeanFactory().registerSingleton("clock", clock));
    }
    return new Instance(name, builder.run(args.toArray(String[]::new)), port);
  }

  /** Where an instance listens and keeps its files, its database and the API key. */
  protected List<String> commonArguments(int port, String dataDir) {
    List<String> args = new ArrayList<>();
    args.add("--server.port=" + port);
    args.add("--paygate.public-url=http://localhost:" + port);
    args.add("--paygate.data-dir=" + dataDir);
    args.add("--paygate.api.bootstrap-key=" + API_KEY);
    args.add("--paygate.console.admin-password=" + ADMIN_PASSWORD);
    args.add("--spring.datasource.url=" + databaseUrl());
    args.add("--spring.datasource.username=" + POSTGRES.username());
    args.add("--spring.datasource.password=" + POSTGRES.password());
    args.add("--spring.datasource.hikari.maximum-pool-size=12");
    return args;
  }

  /** Runs the instance's due recovery rows on the given clock, as its janitor would. */
  protected DueChecks dueChecks(Instance instance, Clock clock) {
    List<Task<?>> tasks = new ArrayList<>();
    instance.context().getBeansOfType(Task.class).values().forEach(tasks::add);
    return new DueChecks(instance.bean(DataSource.class), tasks, clock);
  }

  protected String databaseUrl() {
    String url = POSTGRES.jdbcUrl();
    return url.substring(0, url.lastIndexOf('/') + 1) + database;
  }

  private static void sql(String statement) {
    try (Connection connection =
            DriverManager.getConnection(
                POSTGRES.jdbcUrl(), POSTGRES.username(), POSTGRES.password());
        Statement sql = connection.createStatement()) {
      sql.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(statement + ": " + e.getMessage(), e);
    }
  }

  @Override
  protected String base() {
    Instance target = TARGET.get();
    if (target == null) {
      throw new IllegalStateException("say which instance: on(a, ...) or on(b, ...)");
    }
    return target.base();
  }

  /** Runs the requests in {@code work} against one instance. */
  protected <T> T on(Instance instance, Supplier<T> work) {
    Instance before = TARGET.get();
    TARGET.set(instance);
    try {
      return work.get();
    } finally {
      TARGET.set(before);
    }
  }

  protected void on(Instance instance, Runnable work) {
    on(
        instance,
        () -> {
          work.run();
          return null;
        });
  }
}
