package io.paygate.server.pages;

/** The index page's pay form, as typed. */
public record PaymentForm(
    String totalAmount, String subject, String body, String product, String outTradeNo) {

  static PaymentForm blank() {
    return new PaymentForm("0.01", "", "", "page", "");
  }
}
