package io.paygate.alipay.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void theSignMemberLeavesAResponseBodyWhereverItStands() {
    assertThat(Redaction.redact("{\"a_response\":{\"code\":\"10000\"},\"sign\":\"AbC+/=\"}"))
        .isEqualTo("{\"a_response\":{\"code\":\"10000\"}}");
    assertThat(Redaction.redact("{\"sign\" : \"AbC+/=\", \"a_response\":{\"code\":\"10000\"}}"))
        .isEqualTo("{\"a_response\":{\"code\":\"10000\"}}");
  }

  @Test
  void aSignParameterInAUrlIsMasked() {
    assertThat(
            Redaction.redact(
                "IOException: http://gw/gateway.do?charset=UTF-8&sign=Ab%2BC%3D&sign_type=RSA2"))
        .isEqualTo(
            "IOException: http://gw/gateway.do?charset=UTF-8&sign=(redacted)&sign_type=RSA2");
  }

  @Test
  void aBillDownloadUrlLosesItsQuery() {
    assertThat(
            Redaction.redact(
                "{\"r\":{\"code\":\"10000\",\"bill_download_url\":"
                    + "\"https://dwbillcenter.alipay.com/downloadBillFile.resource?bizType=trade&token=T0k\"}}"))
        .isEqualTo(
            "{\"r\":{\"code\":\"10000\",\"bill_download_url\":"
                + "\"https://dwbillcenter.alipay.com/downloadBillFile.resource?(redacted)\"}}");
  }

  @Test
  void textWithoutSignaturesIsLeftAlone() {
    String body = "{\"out_trade_no\":\"PG1\",\"sign_type\":\"RSA2\",\"design\":\"x\"}";

    assertThat(Redaction.redact(body)).isEqualTo(body);
    assertThat(Redaction.redact(null)).isNull();
  }
}
