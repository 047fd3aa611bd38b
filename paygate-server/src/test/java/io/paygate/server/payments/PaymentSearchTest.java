package io.paygate.server.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.server.ConsoleSession;
import io.paygate.server.SharedServerTest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The console's payment search and the payment's timeline, over real HTTP with a login. */
class PaymentSearchTest extends SharedServerTest {

  private static final Pattern ROW = Pattern.compile("href=\"/payments/([A-Za-z0-9_-]+)\"");

  private static List<String> found(String body) {
    String table = body.substring(body.indexOf("id=\"found\""));
    Matcher m = ROW.matcher(table);
    List<String> numbers = new ArrayList<>();
    while (m.find()) {
      numbers.add(m.group(1));
    }
    return numbers;
  }

  @Test
  void searchFindsByNumberTradeNoStatusAndAmountAndPagesByCursorWithoutRepeats() {
    ConsoleSession viewer = operatorWithRole("VIEWER");
    String paid = paidPayment("43.21");
    String tradeNo = payment(paid).get("trade_no").asString();
    Set<String> created = new LinkedHashSet<>();
    for (int i = 0; i < 22; i++) {
      created.add(createPayment("1.0" + (i % 10), "page"));
    }

    assertThat(found(viewer.get("/payments?number=" + paid).body())).containsExactly(paid);
    assertThat(found(viewer.get("/payments?number=" + tradeNo).body())).containsExactly(paid);
    assertThat(found(viewer.get("/payments?status=PAID&amount=43.21").body()))
        .containsExactly(paid);
    assertThat(found(viewer.get("/payments?status=PAID&amount=43.22").body())).isEmpty();

    // At least 23 payments: pages of 20 newest first, followed by the next-page link to the end,
    // each payment once.
    ConsoleSession.Page page = viewer.get("/payments?from=2000-01-01");
    assertThat(found(page.body())).hasSize(PaymentSearch.PAGE_SIZE);
    List<String> all = new ArrayList<>();
    Pattern next = Pattern.compile("id=\"next-page\" href=\"([^\"]+)\"");
    while (true) {
      List<String> numbers = found(page.body());
      assertThat(numbers).hasSizeLessThanOrEqualTo(PaymentSearch.PAGE_SIZE).isNotEmpty();
      all.addAll(numbers);
      Matcher link = next.matcher(page.body());
      if (!link.find()) {
        break;
      }
      String nextPage = link.group(1).replace("&amp;", "&");
      assertThat(nextPage).startsWith("/payments?").contains("from=2000-01-01").contains("after=");
      page = viewer.get(nextPage);
    }
    assertThat(all).doesNotHaveDuplicates().containsAll(created).contains(paid);
  }

  @Test
  void theRefundsAndReconciliationPagesShowTheBooksToAViewer() {
    ConsoleSession viewer = operatorWithRole("VIEWER");
    String outTradeNo = paidPayment("5.00");
    String number = java.util.UUID.randomUUID().toString().replace('-', '_');
    assertThat(
            api(
                    "POST",
                    "/api/v1/payments/" + outTradeNo + "/refunds",
                    java.util.Map.of("refund_amount", "1.25", "out_request_no", number))
                .status())
        .isEqualTo(201);
    String refunds = viewer.get("/refunds?status=SUCCEEDED").body();
    assertThat(refunds).contains(number).contains("1.25 元").contains("退款成功 SUCCEEDED");
    assertThat(viewer.get("/refunds?status=FAILED").body()).doesNotContain(number);
    assertThat(viewer.get("/refunds?status=DONE").status()).isEqualTo(400);

    ConsoleSession.Page day = viewer.get("/reconciliations?date=2001-01-01");
    assertThat(day.status()).isEqualTo(200);
    assertThat(day.body()).contains("id=\"no-run\"").doesNotContain("id=\"reconcile\"");
    assertThat(viewer.get("/reconciliations?date=yesterday").status()).isEqualTo(400);
    assertThat(
            viewer
                .submit(
                    "/reconciliations", "/reconciliations", java.util.Map.of("date", "2001-01-01"))
                .status())
        .isEqualTo(403);
  }

  @Test
  void theSearchShowsEachPaymentsChannelAndFiltersByIt() {
    ConsoleSession viewer = operatorWithRole("VIEWER");
    Reply created =
        api(
            "POST",
            "/api/v1/payments",
            java.util.Map.of(
                "channel", "wechatpay",
                "product", "native",
                "total_amount", "2.34",
                "subject", "微信 WeChat"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String wechat = created.json().get("out_trade_no").asString();
    String alipay = createPayment("2.34", "page");

    String both = viewer.get("/payments?amount=2.34&status=PENDING").body();
    assertThat(found(both)).contains(wechat, alipay);
    // Two channels are configured here: the column and the choice are shown.
    assertThat(both).contains("<td class=\"channel\">wechatpay</td>").contains("id=\"channel\"");
    assertThat(found(viewer.get("/payments?amount=2.34&channel=wechatpay").body()))
        .contains(wechat)
        .doesNotContain(alipay);
    assertThat(found(viewer.get("/payments?amount=2.34&channel=alipay").body()))
        .contains(alipay)
        .doesNotContain(wechat);
    assertThat(viewer.get("/payments?channel=paypal").status()).isEqualTo(400);

    ConsoleSession.Page day = viewer.get("/reconciliations?date=2001-01-01&channel=wechatpay");
    assertThat(day.status()).isEqualTo(200);
    assertThat(day.body()).contains("id=\"channel\" class=\"mono\">wechatpay<");
    assertThat(day.body()).contains("id=\"channel-choice\"");
    assertThat(viewer.get("/reconciliations?date=2001-01-01&channel=paypal").status())
        .isEqualTo(400);
  }

  @Test
  void aStatusOrDateThatDoesNotParseIsA400NotAnError() {
    ConsoleSession viewer = operatorWithRole("VIEWER");
    for (String query : new String[] {"status=PAIDX", "from=2026-13-01", "amount=abc"}) {
      ConsoleSession.Page page = viewer.get("/payments?" + query);
      assertThat(page.status()).as(query).isEqualTo(400);
      assertThat(page.body()).as(query).contains("不是有效的值").doesNotContain("Exception");
    }
  }

  @Test
  void thePaymentPageShowsItsTimelineInOrderWithChineseStatuses() {
    ConsoleSession viewer = operatorWithRole("VIEWER");
    String outTradeNo = paidPayment("9.00");
    assertThat(
            api(
                    "POST",
                    "/api/v1/payments/" + outTradeNo + "/refunds",
                    java.util.Map.of("refund_amount", "4.00"))
                .status())
        .isEqualTo(201);

    String body = viewer.get("/payments/" + outTradeNo).body();
    assertThat(body).contains("部分退款 PARTIALLY_REFUNDED");
    Matcher kinds = Pattern.compile("data-kind=\"([a-z-]+)\"").matcher(body);
    List<String> order = new ArrayList<>();
    while (kinds.find()) {
      order.add(kinds.group(1));
    }
    assertThat(order).startsWith("created", "cashier").contains("notify", "paid");
    assertThat(order.indexOf("paid")).isLessThan(order.indexOf("refund-asked"));
    assertThat(order.indexOf("refund-asked")).isLessThan(order.lastIndexOf("refund"));
    // The events the shop was told (with no endpoint yet, kept all the same) follow their causes.
    assertThat(order).contains("webhook");
    assertThat(order.indexOf("webhook")).isGreaterThan(order.indexOf("notify"));
    List<String> books = order.stream().filter(kind -> !kind.equals("webhook")).toList();
    assertThat(books.get(books.size() - 1)).isEqualTo("refund");
    assertThat(body).contains("payment.succeeded").contains("refund.succeeded");
    // A viewer reads, but is offered no refund or close.
    assertThat(body).doesNotContain("id=\"refund\"").doesNotContain("id=\"close\"");
  }
}
