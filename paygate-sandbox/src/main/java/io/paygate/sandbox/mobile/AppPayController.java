package io.paygate.sandbox.mobile;

import io.paygate.sandbox.PublicUrl;
import io.paygate.sandbox.problems.Require;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Control API that plays the Alipay app for app pay: {@code POST /sandbox/api/app/pay
 * {order_string, buyer_logon_id, pay_password}} answers 200 with what Alipay's mobile SDK hands the
 * merchant's app, {@code {resultStatus, memo, result}}; a bad order string is {@code resultStatus}
 * 4000 and nothing is paid.
 */
@RestController
public class AppPayController {

  private final AppPay appPay;
  private final PublicUrl publicUrl;

  public AppPayController(AppPay appPay, PublicUrl publicUrl) {
    this.appPay = appPay;
    this.publicUrl = publicUrl;
  }

  @PostMapping("/sandbox/api/app/pay")
  AppPay.AppResult pay(@RequestBody AppPayBody body, HttpServletRequest request) {
    return appPay.pay(
        body.orderString(),
        Require.text(body.buyerLogonId(), "buyer_logon_id"),
        body.payPassword(),
        publicUrl.base(request));
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record AppPayBody(String orderString, String buyerLogonId, String payPassword) {}
}
