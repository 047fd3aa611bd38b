package io.paygate.alipay.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.domain.AlipayTradeRefundModel;
import com.alipay.api.request.AlipayTradeQueryRequest;
import org.junit.jupiter.api.Test;

/**
 * Pins what PayGate relies on in the SDK's internal packages, so an upgrade that moves it fails.
 */
class SdkInternalsTest {

  @Test
  void bizContentIsTheModelsWireJsonWithoutNulls() {
    AlipayTradeRefundModel model = new AlipayTradeRefundModel();
    model.setOutTradeNo("PG\"1");
    model.setRefundAmount("5.00");

    assertThat(SdkInternals.bizContent(model))
        .isEqualTo("{\"out_trade_no\":\"PG\\\"1\",\"refund_amount\":\"5.00\"}");
    assertThat(SdkInternals.bizContent(null)).isNull();
  }

  @Test
  void onlyATopLevelSignCounts() throws Exception {
    AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
    String object = "{\"code\":\"40004\",\"sub_code\":\"ACQ.TRADE_NOT_EXIST\"}";

    assertThat(
            SdkInternals.carriesSign(
                request, "{\"alipay_trade_query_response\":" + object + ",\"sign\":\"c2ln\"}"))
        .isTrue();
    assertThat(
            SdkInternals.carriesSign(request, "{\"alipay_trade_query_response\":" + object + "}"))
        .isFalse();
    assertThat(
            SdkInternals.carriesSign(
                request,
                "{\"alipay_trade_query_response\":{\"code\":\"40004\",\"sign\":\"c2ln\"}}"))
        .isFalse();
    assertThat(
            SdkInternals.carriesSign(
                request, "{\"alipay_trade_query_response\":" + object + ",\"sign\":\" \"}"))
        .isFalse();
  }
}
