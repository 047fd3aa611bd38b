package io.paygate.alipay.bill;

import com.alipay.api.response.AlipayDataDataserviceBillDownloadurlQueryResponse;
import io.paygate.alipay.gateway.AnswerMapping;
import io.paygate.core.channel.ChannelError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** alipay.data.dataservice.bill.downloadurl.query's answer as a {@link BillUrl}. */
final class BillUrlMapper
    implements AnswerMapping<AlipayDataDataserviceBillDownloadurlQueryResponse, BillUrl> {

  static final String EMPTY_DATA = "EMPTY_DATA_WITH_BILL_FILE";

  /** Observed {@code isp.bill_not_exist}; the documents say {@code BILL_NOT_EXIST}. */
  @Override
  public boolean isNotFound(AlipayDataDataserviceBillDownloadurlQueryResponse response) {
    String subCode = response.getSubCode();
    return subCode != null && subCode.strip().toLowerCase(Locale.ROOT).endsWith("bill_not_exist");
  }

  @Override
  public BillUrl notFound(ChannelError error, String description) {
    return new BillUrl.NotReady(description);
  }

  @Override
  public BillUrl uncertain(String reason) {
    return new BillUrl.Unknown(reason);
  }

  @Override
  public BillUrl refused(ChannelError error, String description) {
    return new BillUrl.Refused(description);
  }

  @Override
  public String word(BillUrl url) {
    if (url instanceof BillUrl.Issued || url instanceof BillUrl.Empty) {
      return "ok";
    }
    if (url instanceof BillUrl.NotReady) {
      return "not-ready";
    }
    return url instanceof BillUrl.Refused ? "refused" : "unknown";
  }

  @Override
  public BillUrl success(AlipayDataDataserviceBillDownloadurlQueryResponse response) {
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
