package io.paygate.server.payments;

import io.paygate.core.payments.PaymentService;
import io.paygate.server.pages.PageController;
import java.nio.charset.StandardCharsets;
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

  @GetMapping("/pay/{outTradeNo}")
  public ResponseEntity<String> pay(@PathVariable String outTradeNo) {
    String form = payments.payForm(outTradeNo);
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
