package io.paygate.bench;

import com.alipay.api.internal.util.AlipaySignature;
import io.paygate.alipay.AlipayChannel;
import io.paygate.alipay.settings.AlipaySettings;
import io.paygate.core.channel.InboundNotification;
import io.paygate.core.channel.NotificationCheck;
import io.paygate.core.channel.PayOrder;
import io.paygate.core.channel.Product;
import io.paygate.core.exchanges.Exchange;
import io.paygate.core.exchanges.ExchangeLog;
import io.paygate.core.money.Money;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * What the Alipay channel costs on its two hot paths, next to the bare JDK signature operation each
 * one is built on, measured in the same run: verifying a notification (RSA2 verify) and building a
 * pay form (RSA2 sign). Run with {@code ./mvnw -q -pl paygate-bench exec:exec}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SigningBenchmarks {

  private Map<String, String> notify;
  private InboundNotification posted;
  private byte[] notifyContent;
  private byte[] notifySignature;
  private KeyPair alipay;
  private KeyPair app;
  private AlipayChannel channel;
  private PayOrder order;

  @Setup
  public void setUp() throws Exception {
    alipay = rsa();
    app = rsa();
    notify = new LinkedHashMap<>();
    notify.put("notify_time", "2026-11-26 10:00:00");
    notify.put("notify_type", "trade_status_sync");
    notify.put("notify_id", "2026112600222100000000000000000001");
    notify.put("app_id", "2021000000000001");
    notify.put("charset", "utf-8");
    notify.put("version", "1.0");
    notify.put("trade_no", "2026112622001400000000000001");
    notify.put("out_trade_no", "P20261126100000abcdefghijklmnopq");
    notify.put("buyer_id", "2088000000000777");
    notify.put("seller_id", "2088000000000042");
    notify.put("trade_status", "TRADE_SUCCESS");
    notify.put("total_amount", "88.88");
    notify.put("subject", "测试商品 Test item");
    notify.put("gmt_payment", "2026-11-26 09:59:30");
    String content = AlipaySignature.getSignCheckContentV1(new HashMap<>(notify));
    notifyContent = content.getBytes(StandardCharsets.UTF_8);
    String sign =
        AlipaySignature.rsaSign(
            content,
            Base64.getEncoder().encodeToString(alipay.getPrivate().getEncoded()),
            "UTF-8",
            "RSA2");
    notifySignature = Base64.getDecoder().decode(sign);
    notify.put("sign", sign);
    notify.put("sign_type", "RSA2");
    StringBuilder form = new StringBuilder();
    notify.forEach(
        (name, value) ->
            form.append(form.isEmpty() ? "" : "&")
                .append(java.net.URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8)));
    posted =
        new InboundNotification(
            Map.of(),
            form.toString().getBytes(StandardCharsets.ISO_8859_1),
            "application/x-www-form-urlencoded");

    channel =
        new AlipayChannel(
            new AlipaySettings(
                "2021000000000001",
                Base64.getEncoder().encodeToString(app.getPrivate().getEncoded()),
                Base64.getEncoder().encodeToString(alipay.getPublic().getEncoded()),
                null,
                "http://localhost:9/gateway.do",
                "http://localhost:9/alipay/notify",
                "http://localhost:9/alipay/return",
                null,
                null,
                null),
            new DiscardingLog(),
            Clock.systemUTC());
    order =
        new PayOrder(
            null,
            "P20261126100000abcdefghijklmnopq",
            Product.PAGE,
            Money.parse("88.88"),
            "测试商品 Test item",
            null,
            Instant.now().plus(Duration.ofHours(2)));
  }

  /** Baseline: one RSA2 verification with the JDK, key already parsed. */
  @Benchmark
  public boolean jdkVerify() throws Exception {
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(alipay.getPublic());
    verifier.update(notifyContent);
    return verifier.verify(notifySignature);
  }

  /**
   * The channel decoding, verifying and reading a raw notification, as the notify endpoint does.
   */
  @Benchmark
  public NotificationCheck channelVerifyNotification() {
    return channel.verify(posted);
  }

  /** Baseline: one RSA2 signature with the JDK, key already parsed. */
  @Benchmark
  public byte[] jdkSign() throws Exception {
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(app.getPrivate());
    signer.update(notifyContent);
    return signer.sign();
  }

  /** The channel building a signed pay form with the SDK, as {@code /pay/{no}} does. */
  @Benchmark
  public String channelPayForm() {
    return channel.payForm(order);
  }

  public static void main(String[] args) throws Exception {
    Options options =
        new OptionsBuilder()
            .include(SigningBenchmarks.class.getName())
            .forks(1)
            .warmupIterations(2)
            .warmupTime(TimeValue.seconds(2))
            .measurementIterations(5)
            .measurementTime(TimeValue.seconds(2))
            .threads(1)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, Double> score = new HashMap<>();
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      score.put(name.substring(name.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
    }
    System.out.println();
    System.out.println("Ratios against the JDK baseline measured in this run (1.00 = as fast):");
    for (List<String> pair :
        List.of(
            List.of("channelVerifyNotification", "jdkVerify"),
            List.of("channelPayForm", "jdkSign"))) {
      System.out.printf(
          "  %-28s %10.0f ops/s  vs %-10s %10.0f ops/s  ratio %.2f%n",
          pair.get(0),
          score.get(pair.get(0)),
          pair.get(1),
          score.get(pair.get(1)),
          score.get(pair.get(0)) / score.get(pair.get(1)));
    }
  }

  private static KeyPair rsa() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  /** The benchmark measures signing, not the database: recorded exchanges are dropped. */
  static final class DiscardingLog implements ExchangeLog {
    @Override
    public void record(Exchange exchange) {}

    @Override
    public List<Exchange> forPayment(String outTradeNo) {
      return List.of();
    }
  }
}
