package io.paygate.alipay.bill;

import io.paygate.alipay.gateway.GatewayCalls;
import io.paygate.alipay.settings.AlipaySettings;
import io.paygate.alipay.wire.AlipayTimes;
import io.paygate.core.channel.BillEntry;
import io.paygate.core.channel.BillLookup;
import io.paygate.core.channel.ChannelBill;
import io.paygate.core.exchanges.ExchangeRecorder;
import java.time.LocalDate;
import java.util.List;

/**
 * One day's {@code trade} bill as four steps: ask for the download URL, download the zip, take the
 * detail CSV out of it, parse it. The first step that fails decides the answer; nothing is retried
 * here (the URL lives 30 s, a retry starts from the first step).
 */
public final class DailyBills {

  /** Far above a day of a large merchant; a hostile URL cannot fill the heap. */
  static final long MAX_ZIP_BYTES = 64L * 1024 * 1024;

  /** CSV compresses about tenfold; more than this is a zip bomb, not a bill. */
  static final long MAX_CSV_BYTES = 256L * 1024 * 1024;

  static final String OPERATION = "bill";

  private final GatewayCalls calls;
  private final BillDownloader downloader;

  public DailyBills(GatewayCalls calls, AlipaySettings settings, ExchangeRecorder recorder) {
    this.calls = calls;
    this.downloader =
        new BillDownloader(
            settings.connectTimeout(), settings.readTimeout(), MAX_ZIP_BYTES, recorder);
  }

  public BillLookup fetch(LocalDate date) {
    BillUrl url = queryUrl(date);
    if (url instanceof BillUrl.Empty) {
      // Alipay says there is nothing; its empty file would only repeat that.
      return ready(date, List.of());
    }
    if (!(url instanceof BillUrl.Issued issued)) {
      return notIssued(url);
    }
    BillStep<byte[]> zip = downloader.download(issued.url());
    if (zip instanceof BillStep.Failed<byte[]> failed) {
      return new BillLookup.Unknown("bill download: " + failed.reason());
    }
    BillStep<byte[]> csv = BillArchive.detailCsv(done(zip), MAX_CSV_BYTES);
    if (csv instanceof BillStep.Failed<byte[]> failed) {
      return new BillLookup.Unknown(failed.reason());
    }
    BillStep<List<BillEntry>> entries = BillCsv.parse(done(csv));
    if (entries instanceof BillStep.Failed<List<BillEntry>> failed) {
      return new BillLookup.Unknown(failed.reason());
    }
    return ready(date, done(entries));
  }

  private BillUrl queryUrl(LocalDate date) {
    return calls.call(OPERATION, null, BillRequests.tradeBill(date), new BillUrlMapper());
  }

  private static BillLookup notIssued(BillUrl url) {
    if (url instanceof BillUrl.NotReady notReady) {
      return new BillLookup.NotReady(notReady.reason());
    }
    if (url instanceof BillUrl.Refused refused) {
      return new BillLookup.Unknown("refused: " + refused.reason());
    }
    return new BillLookup.Unknown(((BillUrl.Unknown) url).reason());
  }

  /** The window is the Beijing day, whatever the server's zone. */
  private static BillLookup ready(LocalDate date, List<BillEntry> entries) {
    return new BillLookup.Ready(
        new ChannelBill(
            date,
            date.atStartOfDay(AlipayTimes.BEIJING).toInstant(),
            date.plusDays(1).atStartOfDay(AlipayTimes.BEIJING).toInstant(),
            entries));
  }

  private static <T> T done(BillStep<T> step) {
    return ((BillStep.Done<T>) step).value();
  }
}
