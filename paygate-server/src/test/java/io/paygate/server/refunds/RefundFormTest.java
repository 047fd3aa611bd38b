package io.paygate.server.refunds;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.server.ConsoleSession;
import io.paygate.server.SharedServerTest;
import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The console's refund form carries a one-time token: a second submit refunds nothing more. */
class RefundFormTest extends SharedServerTest {

  private static final Pattern TOKEN =
      Pattern.compile("name=\"refundToken\" value=\"([0-9A-Za-z_]+)\"");

  private static String token(String page) {
    Matcher token = TOKEN.matcher(page);
    assertThat(token.find()).as("the form's token").isTrue();
    return token.group(1);
  }

  @Test
  void aFormSubmittedTwiceRefundsOnceAndShowsTheFirstRefund() {
    ConsoleSession operator = operatorWithRole("OPERATOR");
    String outTradeNo = paidPayment("6.00");
    String page = "/payments/" + outTradeNo;
    String token = token(operator.get(page).body());
    BigDecimal before = buyerBalance();
    Map<String, String> form = Map.of("refundAmount", "1.00", "refundToken", token);

    ConsoleSession.Page first = operator.submit(page, page + "/refunds", form);
    assertThat(first.status()).isEqualTo(302);
    // The browser sends the same form again (a double click, a resubmit after "back").
    ConsoleSession.Page second = operator.submit(page, page + "/refunds", form);
    assertThat(second.status()).isEqualTo(302);
    String shown = operator.get(page).body();
    assertThat(shown).contains("退款 Refund " + token + ": 退款成功");

    assertThat(buyerBalance().subtract(before)).isEqualByComparingTo("1.00");
    assertThat(api("GET", "/api/v1/payments/" + outTradeNo + "/refunds", null).json()).hasSize(1);
    assertThat(payment(outTradeNo).get("refunded_amount").asString()).isEqualTo("1.00");
    // The page shown afterwards carries a new token: the next refund is its own.
    assertThat(token(shown)).isNotEqualTo(token);
  }
}
