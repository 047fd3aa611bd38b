package io.paygate.alipay.bill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class BillArchiveTest {

  static final String DETAIL = "20880000000000000156_20260605_业务明细.csv";
  static final String SUMMARY = "20880000000000000156_20260605_业务明细(汇总).csv";

  /** A zip as Alipay's: GBK entry names, no UTF-8 flag. */
  static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes, BillCsv.GBK)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  @Test
  void takesTheDetailFileNotTheSummary() throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(SUMMARY, "summary".getBytes(BillCsv.GBK));
    entries.put(DETAIL, "detail".getBytes(BillCsv.GBK));

    BillStep<byte[]> csv = BillArchive.detailCsv(zip(entries), 1024);

    assertThat(new String(((BillStep.Done<byte[]>) csv).value(), BillCsv.GBK)).isEqualTo("detail");
  }

  @Test
  void aZipWithoutTheDetailFileNamesWhatItHolds() throws Exception {
    BillStep<byte[]> csv = BillArchive.detailCsv(zip(Map.of(SUMMARY, new byte[] {1})), 1024);

    assertThat(((BillStep.Failed<byte[]>) csv).reason()).contains("no 业务明细.csv").contains(SUMMARY);
  }

  @Test
  void aDetailFileThatInflatesPastTheCapIsRefused() throws Exception {
    BillStep<byte[]> csv = BillArchive.detailCsv(zip(Map.of(DETAIL, new byte[10_000])), 1024);

    assertThat(((BillStep.Failed<byte[]>) csv).reason()).contains("more than 1024 bytes");
  }

  @Test
  void bytesThatAreNotAZipAreAFailure() {
    BillStep<byte[]> csv = BillArchive.detailCsv("<html>oops</html>".getBytes(), 1024);

    assertThat(csv).isInstanceOf(BillStep.Failed.class);
  }
}
