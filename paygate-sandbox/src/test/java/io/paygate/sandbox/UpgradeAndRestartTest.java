package io.paygate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.internal.util.AntCertificationUtil;
import io.paygate.sandbox.apps.App;
import io.paygate.sandbox.apps.SandboxApps;
import io.paygate.sandbox.buyers.SandboxBuyers;
import io.paygate.sandbox.certificates.SandboxCertificates;
import io.paygate.sandbox.faults.FaultKind;
import io.paygate.sandbox.faults.FaultRepository;
import io.paygate.sandbox.faults.FaultRule;
import io.paygate.sandbox.faults.FaultScope;
import io.paygate.sandbox.signing.RsaKeys;
import io.paygate.sandbox.trades.PayResult;
import io.paygate.sandbox.trades.Payments;
import io.paygate.sandbox.trades.Trade;
import io.paygate.sandbox.trades.TradeRepository;
import io.paygate.sandbox.trades.TradeStatus;
import io.paygate.sandbox.wechatpay.merchants.WxMerchants;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A restart loses nothing: fault rules survive, and an older database is upgraded in place. */
class UpgradeAndRestartTest {

  @TempDir Path dataDir;

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withUserConfiguration(SandboxConfiguration.class)
        .withPropertyValues("paygate.data-dir=" + dataDir, "paygate.sandbox.background-interval=0");
  }

  @Test
  void faultRulesSurviveARestart() {
    runner()
        .run(
            context ->
                context
                    .getBean(FaultRepository.class)
                    .replace(
                        List.of(
                            new FaultRule(
                                0,
                                FaultKind.SYSTEM_ERROR,
                                List.of("alipay.trade.refund"),
                                BigDecimal.ONE,
                                2,
                                2,
                                null))));
    runner()
        .run(
            context -> {
              List<FaultRule> rules =
                  context.getBean(FaultRepository.class).all(FaultScope.GATEWAY);
              assertThat(rules).hasSize(1);
              assertThat(rules.get(0).kind()).isEqualTo(FaultKind.SYSTEM_ERROR);
              assertThat(rules.get(0).remaining()).isEqualTo(2);
            });
  }

  /** The CA lives in the database: certificates issued before a restart chain to the same roots. */
  @Test
  void certificatesSurviveARestart() {
    AtomicReference<App> before = new AtomicReference<>();
    AtomicReference<String> roots = new AtomicReference<>();
    runner()
        .run(
            context -> {
              before.set(
                  context
                      .getBean(SandboxApps.class)
                      .registerCertMode(RsaKeys.generate().publicKey(), "restart", false));
              roots.set(context.getBean(SandboxCertificates.class).rootBundle());
            });
    runner()
        .run(
            context -> {
              SandboxCertificates certificates = context.getBean(SandboxCertificates.class);
              assertThat(certificates.rootBundle()).isEqualTo(roots.get());
              assertThat(certificates.rootCertSn())
                  .isEqualTo(AntCertificationUtil.getRootCertSN(roots.get()));
              App app = context.getBean(SandboxApps.class).find(before.get().appId()).orElseThrow();
              assertThat(app).isEqualTo(before.get());
              App rotated = context.getBean(SandboxApps.class).rotateAlipayCert(app.appId());
              String chain =
                  certificates
                      .alipayCert(app.appId(), rotated.alipayCertSn())
                      .orElseThrow()
                      .certChain();
              assertThat(AntCertificationUtil.isTrusted(chain, roots.get())).isTrue();
              assertThat(certificates.alipayCerts(app.appId())).hasSize(2);
            });
  }

  @Test
  void buyersOfAnOlderDatabaseGetAnAuthCode() {
    String url = "jdbc:h2:file:" + dataDir.resolve("sandbox/sandbox").toAbsolutePath();
    Flyway.configure()
        .dataSource(url, "sa", "")
        .locations("classpath:db/sandbox")
        .table("sandbox_schema_history")
        .target("1")
        .load()
        .migrate();
    new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""))
        .update(
            "INSERT INTO buyers (logon_id, user_id, pay_password, balance, created_at)"
                + " VALUES ('old@sandbox.test', '2088000000000001', '1', 5.00, 0)");

    runner()
        .run(
            context -> {
              SandboxBuyers buyers = context.getBean(SandboxBuyers.class);
              assertThat(buyers.find("old@sandbox.test").orElseThrow().authCode())
                  .matches("28\\d{16}");
              assertThat(buyers.find(SandboxBuyers.DEFAULT_LOGON_ID).orElseThrow().authCode())
                  .matches("28\\d{16}");
            });
  }

  @Test
  void appsOfAnOlderDatabaseAreNotInOpenIdMode() {
    String url = "jdbc:h2:file:" + dataDir.resolve("sandbox/sandbox").toAbsolutePath();
    Flyway.configure()
        .dataSource(url, "sa", "")
        .locations("classpath:db/sandbox")
        .table("sandbox_schema_history")
        .target("5")
        .load()
        .migrate();
    new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""))
        .update(
            "INSERT INTO apps (app_id, seller_id, name, app_public_key, alipay_public_key,"
                + " alipay_private_key, is_default, created_at)"
                + " VALUES ('2021000000000001', '2088000000000002', 'old', 'k', 'k', 'k', FALSE, 0)");

    runner()
        .run(
            context -> {
              SandboxApps apps = context.getBean(SandboxApps.class);
              assertThat(apps.find("2021000000000001").orElseThrow().openidMode()).isFalse();
              assertThat(apps.setOpenidMode("2021000000000001", true).openidMode()).isTrue();
            });
  }

  @Test
  void ordersOfAnOlderDatabaseAreStillOrdersToOpen() {
    String url = "jdbc:h2:file:" + dataDir.resolve("sandbox/sandbox").toAbsolutePath();
    Flyway.configure()
        .dataSource(url, "sa", "")
        .locations("classpath:db/sandbox")
        .table("sandbox_schema_history")
        .target("7")
        .load()
        .migrate();
    // Before V8 an order nobody had opened had no trade_status.
    new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""))
        .update(
            "INSERT INTO trades (app_id, out_trade_no, method, product_code, total_amount,"
                + " subject, charset, cashier_token, expires_at, created_at)"
                + " VALUES ('2021000000000001', 'OLD1', 'alipay.trade.page.pay',"
                + " 'FAST_INSTANT_TRADE_PAY', 1.00, 'old', 'utf-8', 'old-token', 4102444800000, 0)");

    runner()
        .run(
            context -> {
              TradeRepository trades = context.getBean(TradeRepository.class);
              Trade order = trades.byToken("old-token").orElseThrow();
              assertThat(order.status()).isEqualTo(TradeStatus.ORDER);
              assertThat(order.opened()).isFalse();
              PayResult opened = context.getBean(Payments.class).open(order.id(), Optional.empty());
              assertThat(opened).isInstanceOf(PayResult.Opened.class);
              assertThat(((PayResult.Opened) opened).trade().status())
                  .isEqualTo(TradeStatus.WAIT_BUYER_PAY);
            });
  }

  @Test
  void wechatAppidsOfAnOlderDatabaseGetAnAppSecret() {
    String url = "jdbc:h2:file:" + dataDir.resolve("sandbox/sandbox").toAbsolutePath();
    Flyway.configure()
        .dataSource(url, "sa", "")
        .locations("classpath:db/sandbox")
        .table("sandbox_schema_history")
        .target("12")
        .load()
        .migrate();
    JdbcTemplate old = new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
    old.update(
        "INSERT INTO wx_merchants (mchid, appid, key_mode, merchant_private_key,"
            + " merchant_certificate, merchant_serial_no, apiv3_key, public_key,"
            + " public_key_private, public_key_id, is_default, created_at) VALUES ('1900000001',"
            + " 'wx00000000000000a1', 'PUBLIC_KEY', 'k', 'c', 's', 'a', 'p', 'q', 'i', FALSE, 0)");
    old.update(
        "INSERT INTO wx_merchant_appids (appid, mchid, created_at)"
            + " VALUES ('wx00000000000000a2', '1900000001', 0)");

    runner()
        .run(
            context -> {
              WxMerchants merchants = context.getBean(WxMerchants.class);
              assertThat(merchants.appSecret("wx00000000000000a1")).get().asString().hasSize(32);
              assertThat(merchants.appSecret("wx00000000000000a2")).get().asString().hasSize(32);
              assertThat(merchants.appSecret(merchants.defaultMerchant().appid())).isPresent();
            });
  }
}
