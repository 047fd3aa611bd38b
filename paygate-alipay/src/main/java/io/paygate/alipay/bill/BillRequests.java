package io.paygate.alipay.bill;

import com.alipay.api.domain.AlipayDataDataserviceBillDownloadurlQueryModel;
import com.alipay.api.request.AlipayDataDataserviceBillDownloadurlQueryRequest;
import io.paygate.alipay.gateway.SdkInternals;
import java.time.LocalDate;

/** The bill download URL request, built from the SDK's model. */
final class BillRequests {

  /** Payments and refunds made through the trade APIs (not every movement of the balance). */
  static final String TRADE = "trade";

  private BillRequests() {}

  static AlipayDataDataserviceBillDownloadurlQueryRequest tradeBill(LocalDate date) {
    AlipayDataDataserviceBillDownloadurlQueryModel model =
        new AlipayDataDataserviceBillDownloadurlQueryModel();
    model.setBillType(TRADE);
    // LocalDate prints as yyyy-MM-dd, the daily bill_date.
    model.setBillDate(date.toString());
    AlipayDataDataserviceBillDownloadurlQueryRequest request =
        new AlipayDataDataserviceBillDownloadurlQueryRequest();
    request.setBizContent(SdkInternals.bizContent(model));
    return request;
  }
}
