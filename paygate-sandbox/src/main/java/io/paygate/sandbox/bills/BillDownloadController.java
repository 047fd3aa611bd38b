package io.paygate.sandbox.bills;

import io.paygate.sandbox.apps.App;
import io.paygate.sandbox.apps.SandboxApps;
import io.paygate.sandbox.clock.VirtualClock;
import io.paygate.sandbox.problems.SandboxProblem;
import java.time.Instant;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Where a bill_download_url points: the zip, built from the trades and refunds of the period. */
@RestController
public class BillDownloadController {

  private final BillRepository bills;
  private final SandboxApps apps;
  private final VirtualClock clock;

  public BillDownloadController(BillRepository bills, SandboxApps apps, VirtualClock clock) {
    this.bills = bills;
    this.apps = apps;
    this.clock = clock;
  }

  @GetMapping("/sandbox/bills/{token}")
  ResponseEntity<byte[]> download(@PathVariable String token) {
    BillRepository.Download download =
        bills
            .find(token)
            .orElseThrow(
                () ->
                    SandboxProblem.notFound("BILL_URL_UNKNOWN", "No bill download with this URL."));
    Instant now = clock.now();
    if (!download.expiresAt().isAfter(now)) {
      throw new SandboxProblem(
          HttpStatus.GONE,
          "BILL_URL_EXPIRED",
          "下载超时 / The download URL expired (30 s after it was issued); ask for a new one.",
          null);
    }
    App app = apps.find(download.appId()).orElseThrow();
    BillPeriod period = BillPeriod.parse(download.billDate()).orElseThrow();
    List<BillRepository.Entry> entries = bills.entries(app.appId(), period.start(), period.end());
    // The account as Alipay writes it in bills: the seller's user id followed by 0156.
    String account = app.sellerId() + "0156";
    byte[] zip =
        BillFiles.zip(
            download.billType(),
            account,
            period,
            entries,
            bills.balanceBefore(app.appId(), period.start()),
            now);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/zip"))
        .cacheControl(CacheControl.noStore())
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(BillFiles.zipName(account, period))
                .build()
                .toString())
        .body(zip);
  }
}
