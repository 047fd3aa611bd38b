package io.paygate.wechatpay.refund;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RefundNumbersTest {

  private static final String TRADE_32 = "T".repeat(31) + "1";
  private static final String REQUEST_32 = "R".repeat(31) + "2";

  @Test
  void twoPaymentsRefundsOfTheSameNumberAreTwoNumbersAtWechatPay() {
    assertThat(RefundNumbers.outRefundNo("ORDER1", "R00001"))
        .isEqualTo("ORDER1@R00001")
        .isNotEqualTo(RefundNumbers.outRefundNo("ORDER2", "R00001"));
  }

  @Test
  void eachWireNumberReadsBackAsPayGatesNumberAndFitsWechatPaysSixtyFour() {
    for (String[] pair :
        new String[][] {
          {"ORDER1", "R00001"}, {TRADE_32, "R00001"}, {"ORDER1", REQUEST_32}, {TRADE_32, REQUEST_32}
        }) {
      String wire = RefundNumbers.outRefundNo(pair[0], pair[1]);
      assertThat(wire.length()).isLessThanOrEqualTo(64);
      assertThat(RefundNumbers.outRequestNo(pair[0], wire)).isEqualTo(pair[1]);
    }
    // Both at 32: side by side, 64 exactly; the '@' form is never that.
    assertThat(RefundNumbers.outRefundNo(TRADE_32, REQUEST_32)).isEqualTo(TRADE_32 + REQUEST_32);
  }

  @Test
  void aNumberMadeOutsidePayGateStandsAsItIs() {
    assertThat(RefundNumbers.outRequestNo("ORDER1", "50300000012026120812345678"))
        .isEqualTo("50300000012026120812345678");
    assertThat(RefundNumbers.outRequestNo("ORDER1", "ORDER2@R00001")).isEqualTo("ORDER2@R00001");
  }
}
