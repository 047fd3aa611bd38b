package io.paygate.server.home;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.channel.ChannelRules;
import io.paygate.core.channel.Channels;
import io.paygate.server.ConsoleSession;
import io.paygate.server.SharedServerTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console's pay and refund forms take their limits from the configured channel's rules: the
 * lengths and the numbers' pattern the browser enforces are the ones the core checks, and no page
 * writes a limit of its own.
 */
class FormLimitsTest extends SharedServerTest {

  private static final Pattern ATTRIBUTE = Pattern.compile("([\\w:-]+)=\"([^\"]*)\"");

  @Autowired Channels channels;

  @Test
  void theIndexFormsLimitsAreTheChannelsRules() {
    ChannelRules rules = channels.defaultChannel().rules();
    String index = logInAsAdmin().get("/").body();

    assertThat(input(index, "subject")).containsEntry("maxlength", "" + rules.maxSubject());
    assertThat(input(index, "body")).containsEntry("maxlength", "" + rules.maxBody());
    assertThat(input(index, "r_refund_reason"))
        .containsEntry("maxlength", "" + rules.maxRefundReason());
    for (String number :
        new String[] {
          "out_trade_no", "q_out_trade_no", "r_out_trade_no", "r_out_request_no", "c_out_trade_no"
        }) {
      assertThat(input(index, number))
          .as(number)
          .containsEntry("pattern", rules.merchantNumber().pattern().pattern())
          .containsEntry("title", rules.merchantNumber().description());
    }
  }

  @Test
  void thePaymentPagesRefundFormsLimitsAreTheChannelsRules() {
    ChannelRules rules = channels.defaultChannel().rules();
    String no = paidPayment("3.00");
    String page = logInAsAdmin().get("/payments/" + no).body();

    assertThat(input(page, "refund_reason"))
        .containsEntry("maxlength", "" + rules.maxRefundReason());
    assertThat(input(page, "out_request_no"))
        .containsEntry("pattern", rules.merchantNumber().pattern().pattern())
        .containsEntry("title", rules.merchantNumber().description());
  }

  @Test
  void theLongestSubjectTheFormAllowsIsTheLongestTheCoreTakes() {
    ChannelRules rules = channels.defaultChannel().rules();
    ConsoleSession operator = operatorWithRole("OPERATOR");
    int allowed = Integer.parseInt(input(operator.get("/").body(), "subject").get("maxlength"));

    ConsoleSession.Page taken = operator.submit("/", "/pages/pay", payForm("界".repeat(allowed)));
    assertThat(taken.status()).isEqualTo(302);
    assertThat(taken.location()).contains("/pay/");

    ConsoleSession.Page refused =
        operator.submit("/", "/pages/pay", payForm("界".repeat(allowed + 1)));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(rules.maxSubject()).isEqualTo(allowed);
  }

  /** A limit written into a page would hold only while it happens to equal the channel's. */
  @Test
  void noFormWritesALimitOfItsOwn() throws IOException {
    for (String path :
        new String[] {"templates/home/index.html", "templates/payments/payment.html"}) {
      int found = 0;
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(path)) {
        assertThat(in).as(path).isNotNull();
        String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        for (String field :
            new String[] {
              "subject",
              "body",
              "out_trade_no",
              "q_out_trade_no",
              "r_out_trade_no",
              "r_refund_reason",
              "r_out_request_no",
              "c_out_trade_no",
              "refund_reason",
              "out_request_no"
            }) {
          Matcher tag = Pattern.compile("<input id=\"" + field + "\"[^>]*>").matcher(html);
          if (tag.find()) {
            found++;
            assertThat(tag.group())
                .as(path + " #" + field)
                .doesNotContainPattern("\\smaxlength=")
                .doesNotContainPattern("\\spattern=");
          }
        }
      }
      assertThat(found).as("limited inputs in " + path).isGreaterThanOrEqualTo(2);
    }
  }

  private static Map<String, String> payForm(String subject) {
    return Map.of("subject", subject, "totalAmount", "0.01", "product", "page");
  }

  /** The attributes of the input with that id, as the page rendered them. */
  private static Map<String, String> input(String html, String id) {
    Matcher tag = Pattern.compile("<input id=\"" + id + "\"[^>]*>").matcher(html);
    assertThat(tag.find()).as("input #" + id).isTrue();
    Map<String, String> attributes = new HashMap<>();
    Matcher attribute = ATTRIBUTE.matcher(tag.group());
    while (attribute.find()) {
      attributes.put(
          attribute.group(1),
          attribute
              .group(2)
              .replace("&quot;", "\"")
              .replace("&#39;", "'")
              .replace("&lt;", "<")
              .replace("&gt;", ">")
              .replace("&amp;", "&"));
    }
    return attributes;
  }
}
