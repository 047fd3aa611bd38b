package io.paygate.alipay.bill;

import com.alipay.api.response.AlipayDataDataserviceBillDownloadurlQueryResponse;
import io.paygate.alipay.gateway.GatewayAnswer;
import io.paygate.alipay.gateway.ResponseCodes;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** alipay.data.dataservice.bill.downloadurl.query's answer as a {@link BillUrl}. */
final class BillUrlMapper {

  static final String EMPTY_DATA = "EMPTY_DATA_WITH_BILL_FILE";

  private BillUrlMapper() {}

  static BillUrl map(GatewayAnswer<AlipayDataDataserviceBillDownloadurlQueryResponse> answer) {
    if (answer
        instanceof GatewayAnswer.NoAnswer<AlipayDataDataserviceBillDownloadurlQueryResponse> none) {
      return new BillUrl.Unknown(none.reason());
    }
    AlipayDataDataserviceBillDownloadurlQueryResponse response =
        ((GatewayAnswer.Answered<AlipayDataDataserviceBillDownloadurlQueryResponse>) answer)
            .response();
    if (ResponseCodes.isSuccess(response)) {
      return issued(response);
    }
    if (isBillNotExist(response.getSubCode())) {
      return new BillUrl.NotReady(ResponseCodes.describe(response));
    }
    if (ResponseCodes.isUncertain(response)) {
      return new BillUrl.Unknown(ResponseCodes.describe(response));
    }
    return new BillUrl.Refused(ResponseCodes.describe(response));
  }

  static String word(BillUrl url) {
    if (url instanceof BillUrl.Issued || url instanceof BillUrl.Empty) {
      return "ok";
    }
    if (url instanceof BillUrl.NotReady) {
      return "not-ready";
    }
    return url instanceof BillUrl.Refused ? "refused" : "unknown";
  }

  /** Observed {@code isp.bill_not_exist}; the documents say {@code BILL_NOT_EXIST}. */
  private static boolean isBillNotExist(String subCode) {
    return subCode != null && subCode.strip().toLowerCase(Locale.ROOT).endsWith("bill_not_exist");
  }

  private static BillUrl issued(AlipayDataDataserviceBillDownloadurlQueryResponse response) {
    if (EMPTY_DATA.equals(response.getBillFileCode())) {
      return new BillUrl.Empty();
    }
    String text = response.getBillDownloadUrl();
    if (text == null || text.isBlank()) {
      return new BillUrl.Unknown("success without bill_download_url");
    }
    try {
      URI url = new URI(text.strip());
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
        return new BillUrl.Unknown("bill_download_url is not an http(s) URL");
      }
      return new BillUrl.Issued(url);
    } catch (URISyntaxException e) {
      return new BillUrl.Unknown("bill_download_url is not a URL");
    }
  }
}
