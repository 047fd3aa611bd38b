package io.paygate.alipay.bill;

import java.net.URI;

/** What alipay.data.dataservice.bill.downloadurl.query answered. */
sealed interface BillUrl {

  /** Download it now: the URL expires 30 s after it was issued. */
  record Issued(URI url) implements BillUrl {}

  /** {@code bill_file_code=EMPTY_DATA_WITH_BILL_FILE}: the day had no payment and no refund. */
  record Empty() implements BillUrl {}

  /** {@code isp.bill_not_exist}: not published yet, or the day is not over. */
  record NotReady(String reason) implements BillUrl {}

  /** A system error, a timeout, an unsigned answer, or a success we cannot read. */
  record Unknown(String reason) implements BillUrl {}

  /** Refused for another reason (parameters, permissions): asking again will not help. */
  record Refused(String reason) implements BillUrl {}
}
