package io.paygate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.server.SharedServerTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/payments} and {@code GET /api/v1/refunds}: filters and cursor paging. */
class ListingTest extends SharedServerTest {

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Follows has_more and starting_after to the end; returns each page's items. */
  private List<JsonNode> all(String path, String cursorOf) {
    List<JsonNode> items = new ArrayList<>();
    String after = null;
    for (int page = 0; page < 50; page++) {
      Reply reply = api("GET", path + (after == null ? "" : "&starting_after=" + q(after)), null);
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      JsonNode data = reply.json().get("data");
      assertThat(data.size()).isLessThanOrEqualTo(2);
      data.forEach(items::add);
      if (!reply.json().get("has_more").asBoolean()) {
        return items;
      }
      JsonNode last = data.get(data.size() - 1);
      after =
          cursorOf.equals("payment")
              ? last.get("out_trade_no").asString()
              : last.get("out_trade_no").asString() + "/" + last.get("out_request_no").asString();
    }
    throw new AssertionError("no end to the pages of " + path);
  }

  @Test
  void paymentsPageNewestFirstByCursorWithFilters() {
    Set<String> made = new LinkedHashSet<>();
    for (int i = 0; i < 5; i++) {
      made.add(createPayment("1.0" + i, "page"));
    }
    // From this test's first payment on: other tests of the class make payments a moment before.
    Instant from = Instant.parse(payment(made.iterator().next()).get("created_at").asString());
    String paid = paidPayment("2.00");
    made.add(paid);

    List<JsonNode> listed =
        all("/api/v1/payments?limit=2&created_from=" + q(from.toString()), "payment");
    List<String> numbers = listed.stream().map(p -> p.get("out_trade_no").asString()).toList();
    assertThat(numbers).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(made);
    List<Instant> created =
        listed.stream().map(p -> Instant.parse(p.get("created_at").asString())).toList();
    assertThat(created).isSortedAccordingTo(java.util.Comparator.reverseOrder());

    JsonNode onlyPaid =
        api("GET", "/api/v1/payments?status=PAID&created_from=" + q(from.toString()), null).json();
    assertThat(onlyPaid.get("data")).hasSize(1);
    assertThat(onlyPaid.get("data").get(0).get("out_trade_no").asString()).isEqualTo(paid);
    JsonNode none =
        api("GET", "/api/v1/payments?created_to=" + q(from.minusSeconds(3600).toString()), null)
            .json();
    assertThat(none.get("data").toString()).doesNotContain(paid);
    // The trade_no lookup stays what it was.
    String tradeNo = payment(paid).get("trade_no").asString();
    assertThat(
            api("GET", "/api/v1/payments?trade_no=" + tradeNo, null)
                .json()
                .get("out_trade_no")
                .asString())
        .isEqualTo(paid);
  }

  @Test
  void badListingParametersAre400sNamingTheField() {
    Map<String, String> cases =
        Map.of(
            "limit=0", "limit",
            "limit=101", "limit",
            "status=PAIDX", "status",
            "created_from=yesterday", "created_from",
            "starting_after=NO_SUCH_PAYMENT", "");
    cases.forEach(
        (query, field) -> {
          Reply reply = api("GET", "/api/v1/payments?" + query, null);
          assertThat(reply.status()).as(query).isIn(400, 404);
          if (!field.isEmpty()) {
            assertThat(reply.json().get("field").asString()).as(query).isEqualTo(field);
          }
        });
    assertThat(api("GET", "/api/v1/refunds?starting_after=nothing", null).status()).isEqualTo(400);
    assertThat(api("GET", "/api/v1/refunds?status=DONE", null).status()).isEqualTo(400);
  }

  @Test
  void refundsPageAcrossPaymentsAndTakeLongNumbers() {
    String one = paidPayment("10.00");
    // From this test's first payment on: the shared server holds other tests' refunds before it.
    Instant from = Instant.parse(payment(one).get("created_at").asString());
    String two = paidPayment("10.00");
    String uuid = UUID.randomUUID().toString().replace('-', '_');
    Reply withUuid = refundPayment(one, "1.00", uuid);
    assertThat(withUuid.status()).as(withUuid.body()).isEqualTo(201);
    assertThat(withUuid.json().get("out_request_no").asString()).isEqualTo(uuid);
    assertThat(withUuid.json().get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(api("GET", "/api/v1/payments/" + one + "/refunds/" + uuid, null).status())
        .isEqualTo(200);
    api("POST", "/api/v1/payments/" + one + "/refunds", Map.of("refund_amount", "2.00"));
    api("POST", "/api/v1/payments/" + two + "/refunds", Map.of("refund_amount", "3.00"));
    Reply tooLong = refundPayment(two, "1.00", "x".repeat(65));
    assertThat(tooLong.status()).isEqualTo(400);

    List<JsonNode> listed =
        all("/api/v1/refunds?limit=2&created_from=" + q(from.toString()), "refund");
    assertThat(listed).hasSize(3);
    assertThat(listed.stream().map(r -> r.get("refund_amount").asString()))
        .containsExactlyInAnyOrder("1.00", "2.00", "3.00");
    assertThat(
            api("GET", "/api/v1/refunds?status=SUCCEEDED&created_from=" + q(from.toString()), null)
                .json()
                .get("data"))
        .hasSize(3);
  }

  private static List<String> field(List<JsonNode> items, String name) {
    return items.stream().map(item -> item.get(name).asString()).toList();
  }

  @Test
  void listingsFilterByChannelAndEveryRefundAndEventNamesItsChannel() {
    String alipay = paidPayment("4.00");
    Instant from = Instant.parse(payment(alipay).get("created_at").asString());
    String wechat = paidWechatPayment("6.00");
    Reply alipayRefund =
        api("POST", "/api/v1/payments/" + alipay + "/refunds", Map.of("refund_amount", "1.00"));
    assertThat(alipayRefund.status()).as(alipayRefund.body()).isEqualTo(201);
    Reply wechatRefund = refundPayment(wechat, "2.00", "WXLIST" + System.nanoTime());
    assertThat(wechatRefund.status()).as(wechatRefund.body()).isEqualTo(201);
    String since = "&created_from=" + q(from.toString());

    List<JsonNode> wechats = all("/api/v1/payments?limit=2&channel=wechatpay" + since, "payment");
    assertThat(field(wechats, "out_trade_no")).contains(wechat).doesNotContain(alipay);
    assertThat(field(wechats, "channel")).containsOnly("wechatpay");
    List<JsonNode> alipays = all("/api/v1/payments?limit=2&channel=alipay" + since, "payment");
    assertThat(field(alipays, "out_trade_no")).contains(alipay).doesNotContain(wechat);
    assertThat(field(alipays, "channel")).containsOnly("alipay");

    List<JsonNode> refunds = all("/api/v1/refunds?limit=2" + since, "refund");
    assertThat(refunds)
        .filteredOn(r -> r.get("out_trade_no").asString().equals(wechat))
        .extracting(r -> r.get("channel").asString())
        .containsExactly("wechatpay");
    assertThat(refunds)
        .filteredOn(r -> r.get("out_trade_no").asString().equals(alipay))
        .extracting(r -> r.get("channel").asString())
        .containsExactly("alipay");
    List<JsonNode> wechatRefunds =
        all("/api/v1/refunds?limit=2&channel=wechatpay" + since, "refund");
    assertThat(field(wechatRefunds, "out_trade_no")).contains(wechat).doesNotContain(alipay);

    // The refund's webhook event names the channel, as the payment's do.
    List<JsonNode> events = new ArrayList<>();
    api("GET", "/api/v1/events?payment=" + wechat, null).json().get("data").forEach(events::add);
    assertThat(events)
        .filteredOn(e -> e.get("type").asString().startsWith("refund."))
        .isNotEmpty()
        .allSatisfy(
            e ->
                assertThat(e.get("data").get("object").get("channel").asString())
                    .isEqualTo("wechatpay"));
    assertThat(events)
        .filteredOn(e -> e.get("type").asString().startsWith("payment."))
        .isNotEmpty()
        .allSatisfy(
            e ->
                assertThat(e.get("data").get("object").get("channel").asString())
                    .isEqualTo("wechatpay"));

    for (String listing : List.of("/api/v1/payments", "/api/v1/refunds")) {
      Reply unknown = api("GET", listing + "?channel=paypal", null);
      assertThat(unknown.status()).as(listing).isEqualTo(400);
      assertThat(unknown.json().get("field").asString()).isEqualTo("channel");
    }
  }
}
