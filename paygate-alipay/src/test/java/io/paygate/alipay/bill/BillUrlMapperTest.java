package io.paygate.alipay.bill;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.response.AlipayDataDataserviceBillDownloadurlQueryResponse;
import io.paygate.alipay.gateway.GatewayAnswer;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BillUrlMapperTest {

  private static BillUrl map(String code, String subCode, String url, String fileCode) {
    AlipayDataDataserviceBillDownloadurlQueryResponse response =
        new AlipayDataDataserviceBillDownloadurlQueryResponse();
    response.setCode(code);
    response.setMsg("msg");
    response.setSubCode(subCode);
    response.setSubMsg(subCode == null ? null : "sub msg");
    response.setBillDownloadUrl(url);
    response.setBillFileCode(fileCode);
    return BillUrlMapper.map(new GatewayAnswer.Answered<>(response));
  }

  @Test
  void aSuccessIssuesTheUrl() {
    assertThat(map("10000", null, "https://dwbillcenter.alipay.com/d?token=t", null))
        .isEqualTo(new BillUrl.Issued(URI.create("https://dwbillcenter.alipay.com/d?token=t")));
  }

  @Test
  void anEmptyDayNeedsNoDownload() {
    assertThat(map("10000", null, "https://x.example/d", "EMPTY_DATA_WITH_BILL_FILE"))
        .isEqualTo(new BillUrl.Empty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"isp.bill_not_exist", "BILL_NOT_EXIST"})
  void noBillYetIsNotReady(String subCode) {
    assertThat(map("40004", subCode, null, null)).isInstanceOf(BillUrl.NotReady.class);
  }

  @Test
  void systemErrorsAndUnreadableSuccessesAreUnknown() {
    assertThat(map("40004", "ACQ.SYSTEM_ERROR", null, null)).isInstanceOf(BillUrl.Unknown.class);
    assertThat(map("20000", "isp.unknow-error", null, null)).isInstanceOf(BillUrl.Unknown.class);
    assertThat(map("10000", null, null, null)).isInstanceOf(BillUrl.Unknown.class);
    assertThat(map("10000", null, "file:///etc/passwd", null)).isInstanceOf(BillUrl.Unknown.class);
    assertThat(BillUrlMapper.map(new GatewayAnswer.NoAnswer<>("SocketTimeoutException")))
        .isEqualTo(new BillUrl.Unknown("SocketTimeoutException"));
  }

  @Test
  void otherRefusalsKeepTheirCode() {
    BillUrl url = map("40002", "isv.invalid-parameter", null, null);

    assertThat(url).isInstanceOf(BillUrl.Refused.class);
    assertThat(((BillUrl.Refused) url).reason()).contains("40002 isv.invalid-parameter");
    assertThat(BillUrlMapper.word(url)).isEqualTo("refused");
  }
}
