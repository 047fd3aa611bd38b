package io.paygate.server.pages;

/** The refund form, as typed. */
public record RefundForm(String refundAmount, String refundReason, String outRequestNo) {

  static RefundForm blank() {
    return new RefundForm("", "", "");
  }
}
