package io.paygate.sandbox.wechatpay.transactions;

import io.paygate.sandbox.problems.SandboxProblem;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;

/**
 * The page an {@code h5_url} opens (WeChat Pay's checkmweb): the order, and a button with which the
 * default payer confirms it; then back to the shop's {@code redirect_url}, if it gave one.
 *
 * <p>Per WeChat Pay API v3 H5 下单 on pay.weixin.qq.com ({@code h5_url}, with {@code redirect_url}
 * appended by the shop).
 */
@Controller
public class CheckmwebController {

  private final TransactionRepository transactions;
  private final WxTransactions payments;

  public CheckmwebController(TransactionRepository transactions, WxTransactions payments) {
    this.transactions = transactions;
    this.payments = payments;
  }

  @GetMapping("/sandbox/wechatpay/checkmweb")
  ResponseEntity<String> page(
      @RequestParam("prepay_id") String prepayId,
      @RequestParam(name = "redirect_url", required = false) String redirectUrl) {
    Transaction t = find(prepayId);
    String html =
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>微信支付</title>"
            + "<link rel=\"stylesheet\" href=\"/sandbox/assets/sandbox.css\"></head><body><main>"
            + "<h1>微信支付 <small>PayGate sandbox</small></h1><p>"
            + HtmlUtils.htmlEscape(t.description())
            + "</p><p>¥ "
            + java.math.BigDecimal.valueOf(t.totalFen(), 2).toPlainString()
            + " <small>("
            + t.tradeState()
            + ")</small></p><form method=\"post\" action=\"/sandbox/wechatpay/checkmweb/pay\">"
            + "<input type=\"hidden\" name=\"prepay_id\" value=\""
            + HtmlUtils.htmlEscape(prepayId)
            + "\">"
            + (redirectUrl == null
                ? ""
                : "<input type=\"hidden\" name=\"redirect_url\" value=\""
                    + HtmlUtils.htmlEscape(redirectUrl)
                    + "\">")
            + "<button type=\"submit\">确认支付 / Pay</button></form></main></body></html>";
    return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(html);
  }

  @PostMapping("/sandbox/wechatpay/checkmweb/pay")
  ResponseEntity<String> pay(
      @RequestParam("prepay_id") String prepayId,
      @RequestParam(name = "redirect_url", required = false) String redirectUrl) {
    Transaction t = find(prepayId);
    payments.pay(t.mchid(), null, t.outTradeNo());
    if (redirectUrl != null
        && (redirectUrl.startsWith("http://") || redirectUrl.startsWith("https://"))) {
      return ResponseEntity.status(303).location(URI.create(redirectUrl)).build();
    }
    return ResponseEntity.ok()
        .contentType(MediaType.TEXT_HTML)
        .body("<!DOCTYPE html><html><body><p>支付成功 / Paid</p></body></html>");
  }

  private Transaction find(String prepayId) {
    return transactions
        .byPrepayId(prepayId)
        .orElseThrow(
            () -> SandboxProblem.notFound("PREPAY_NOT_FOUND", "No order has this prepay_id."));
  }
}
