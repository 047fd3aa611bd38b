package io.paygate.server.payments;

import io.paygate.core.payments.PaymentService;
import io.paygate.server.pages.PageController;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** {@code /pay/{out_trade_no}}: the page that sends the buyer's browser on to Alipay's cashier. */
@PageController
public class PayController {

  private final PaymentService payments;

  public PayController(PaymentService payments) {
    this.payments = payments;
  }

  /** The SDK's form ends in an inline script that submits it; the pages allow no inline script. */
  private static final Pattern INLINE_SCRIPT =
      Pattern.compile("<script\\b[^>]*>.*?</script>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  @GetMapping("/pay/{outTradeNo}")
  public ResponseEntity<String> pay(@PathVariable String outTradeNo) {
    // Without script, the form's own submit button (hidden by an inline style, which the policy
    // also refuses) stays visible for the buyer to press.
    String form =
        INLINE_SCRIPT.matcher(payments.payForm(outTradeNo)).replaceAll("")
            + "<script src=\"/js/pay.js\"></script>";
    String page =
        "<!DOCTYPE html><html><head><meta charset=\"UTF-8\"><title>正在前往支付宝 Redirecting to"
            + " Alipay</title></head><body>"
            + form
            + "</body></html>";
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .header("Cache-Control", "no-store")
        .body(page);
  }
}
