package io.paygate.alipay.bill;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The bill zip: its detail entry ({@code …_业务明细.csv}), not the summary ({@code …_业务明细(汇总).csv}).
 * Entry names are GBK without the zip's UTF-8 flag, so the default UTF-8 reading would garble or
 * refuse them.
 */
final class BillArchive {

  static final String DETAIL_SUFFIX = "业务明细.csv";

  private BillArchive() {}

  /**
   * @param maxBytes the most the detail entry may inflate to (a small zip can inflate to gigabytes)
   */
  static BillStep<byte[]> detailCsv(byte[] zip, long maxBytes) {
    List<String> names = new ArrayList<>();
    byte[] detail = null;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), BillCsv.GBK)) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        names.add(entry.getName());
        if (entry.isDirectory() || !isDetail(entry.getName())) {
          continue;
        }
        if (detail != null) {
          return new BillStep.Failed<>("the bill zip holds two detail files: " + names);
        }
        detail = inflate(in, maxBytes);
        if (detail == null) {
          return new BillStep.Failed<>(
              entry.getName() + " inflates to more than " + maxBytes + " bytes");
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      // IllegalArgumentException: an entry name that is not GBK after all.
      return new BillStep.Failed<>("unreadable bill zip: " + e.getClass().getSimpleName());
    }
    if (detail == null) {
      return new BillStep.Failed<>("no " + DETAIL_SUFFIX + " in the bill zip: " + names);
    }
    return new BillStep.Done<>(detail);
  }

  private static boolean isDetail(String name) {
    String file = name.substring(name.lastIndexOf('/') + 1);
    return file.endsWith(DETAIL_SUFFIX);
  }

  /** The entry's bytes, or null when there are more than maxBytes. */
  private static byte[] inflate(ZipInputStream in, long maxBytes) throws IOException {
    byte[] bytes = in.readNBytes(Math.toIntExact(maxBytes) + 1);
    return bytes.length > maxBytes ? null : bytes;
  }
}
