package io.paygate.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.channel.BillEntry;
import io.paygate.core.channel.BillLookup;
import io.paygate.core.channel.ChannelBill;
import io.paygate.core.channel.Product;
import io.paygate.core.channel.RefundOrder;
import io.paygate.core.money.Money;
import io.paygate.wechatpay.settings.KeyMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.test.context.TestPropertySource;

/**
 * A day's trade bill through the channel, its hash checked by the SDK. In a sandbox of its own: it
 * moves the sandbox's clock two days on.
 */
@TestPropertySource(
    properties = "paygate.sandbox.database-url=jdbc:h2:mem:wechatpay-bill-tests;DB_CLOSE_DELAY=-1")
// Its own sandbox on its own database: it runs beside the round trips on the shared one, its tests
// one after the other (they would share its clock).
@Execution(ExecutionMode.CONCURRENT)
class SandboxBillRoundTripTest extends SandboxWechatPaySupport {

  @Test
  @Execution(ExecutionMode.SAME_THREAD)
  void aDaysTradeBillListsItsPaymentsAndRefunds() throws Exception {
    Merchant m = newMerchant(KeyMode.PUBLIC_KEY);
    WechatPayChannel channel = channel(settings(m, KeyMode.PUBLIC_KEY));
    String first = unique("B");
    String second = unique("B");
    channel.checkout(order(first, Product.QR, "1.00"));
    channel.checkout(order(second, Product.QR, "2.50"));
    payerPays(m.mchid(), first);
    payerPays(m.mchid(), second);
    channel.refund(
        new RefundOrder(
            null, second, null, "RB" + second, Money.parse("0.50"), null, Money.parse("2.50")));
    LocalDate day = beijingDay();

    // Not yet generated: the day is not over at WeChat Pay.
    assertThat(channel.bill("default", day)).isInstanceOf(BillLookup.NotReady.class);

    postJson("/sandbox/api/clock/advance", Map.of("seconds", 2 * 24 * 3600));
    BillLookup lookup = channel.bill("default", day);
    assertThat(lookup).isInstanceOf(BillLookup.Ready.class);
    ChannelBill bill = ((BillLookup.Ready) lookup).bill();
    assertThat(bill.date()).isEqualTo(day);
    assertThat(bill.from()).isEqualTo(day.atStartOfDay().toInstant(ZoneOffset.ofHours(8)));
    assertThat(bill.entries())
        .extracting(
            BillEntry::kind, BillEntry::outTradeNo, BillEntry::outRequestNo, BillEntry::amount)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                BillEntry.Kind.PAYMENT, first, null, Money.parse("1.00")),
            org.assertj.core.groups.Tuple.tuple(
                BillEntry.Kind.PAYMENT, second, null, Money.parse("2.50")),
            org.assertj.core.groups.Tuple.tuple(
                BillEntry.Kind.REFUND, second, "RB" + second, Money.parse("0.50")));
    assertThat(bill.entries()).allSatisfy(e -> assertThat(e.tradeNo()).hasSize(28));

    // The fund flow through the same hash-checked download.
    var flow =
        new io.paygate.wechatpay.bill.Bills(
                new io.paygate.wechatpay.gateway.WechatPayGateway(settings(m, KeyMode.PUBLIC_KEY)))
            .fundFlowBill(day);
    assertThat(flow).isInstanceOf(io.paygate.wechatpay.gateway.WxAnswer.Ok.class);
    var lines = ((io.paygate.wechatpay.gateway.WxAnswer.Ok<java.util.List<String>>) flow).value();
    assertThat(lines.get(0)).startsWith("记账时间,微信支付业务单号");
    assertThat(String.join("\n", lines)).contains("`退款", "`支出", "`0.50");
  }

  private LocalDate beijingDay() throws Exception {
    String now = JSON.readTree(get("/sandbox/api/clock").body()).get("now").asString();
    return LocalDate.ofInstant(Instant.parse(now), ZoneOffset.ofHours(8));
  }
}
