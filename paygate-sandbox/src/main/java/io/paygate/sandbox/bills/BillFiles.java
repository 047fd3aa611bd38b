package io.paygate.sandbox.bills;

import io.paygate.sandbox.buyers.Buyer;
import io.paygate.sandbox.wire.AlipayTime;
import io.paygate.sandbox.wire.Money;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The bill zip as Alipay serves it: two GBK CSV files (detail and summary) whose entry names are
 * GBK-encoded without the UTF-8 flag. {@code trade} bills list payments (业务类型 交易) and refunds (退款,
 * negative amounts); {@code signcustomer} bills list account movements with a balance.
 */
final class BillFiles {

  static final Charset GBK = Charset.forName("GBK");
  private static final String TAB = "\t";
  private static final DateTimeFormatter EXPORTED =
      DateTimeFormatter.ofPattern("yyyy年MM月dd日 HH:mm:ss").withZone(AlipayTime.BEIJING);

  static final String TRADE_HEADER =
      "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,"
          + "支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,"
          + "退款批次号/请求号,服务费（元）,分润（元）,备注";
  static final String TRADE_SUMMARY_HEADER =
      "门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,"
          + "商家优惠（元）,券核销金额（元）,商家红包消费金额（元）,卡消费金额（元）,服务费（元）,分润（元）,实收净额（元）";
  static final String ACCOUNT_HEADER =
      "账务流水号,业务流水号,商户订单号,商品名称,发生时间,对方账号,收入金额（+元）,支出金额（-元）,账户余额（元）,交易渠道,业务类型,备注";
  static final String ACCOUNT_SUMMARY_HEADER = "业务类型,收入笔数,收入金额（+元）,支出笔数,支出金额（-元）,合计（元）";

  private BillFiles() {}

  /** The zip's file name, e.g. {@code 20880000000000000156_20260605.csv.zip}. */
  static String zipName(String account, BillPeriod period) {
    return account + "_" + period.compact() + ".csv.zip";
  }

  static byte[] zip(
      String billType,
      String account,
      BillPeriod period,
      List<BillRepository.Entry> entries,
      BigDecimal openingBalance,
      Instant exportedAt) {
    boolean trade = billType.equals("trade");
    String title = trade ? "业务明细" : "账务明细";
    String prefix = account + "_" + period.compact() + "_";
    String detail =
        trade
            ? tradeDetail(account, period, entries, exportedAt)
            : accountDetail(account, period, entries, openingBalance, exportedAt);
    String summary =
        trade
            ? tradeSummary(account, period, entries, exportedAt)
            : accountSummary(account, period, entries, exportedAt);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes, GBK)) {
      put(zip, prefix + title + ".csv", detail);
      put(zip, prefix + title + "(汇总).csv", summary);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void put(ZipOutputStream zip, String name, String text) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(text.getBytes(GBK));
    zip.closeEntry();
  }

  private static String tradeDetail(
      String account, BillPeriod period, List<BillRepository.Entry> entries, Instant exportedAt) {
    StringBuilder out = head("#支付宝业务明细查询", account, period, "业务明细列表");
    out.append(TRADE_HEADER).append("\r\n");
    int trades = 0;
    int refunds = 0;
    BigDecimal tradeSum = BigDecimal.ZERO;
    BigDecimal refundSum = BigDecimal.ZERO;
    for (BillRepository.Entry e : entries) {
      BigDecimal received = e.refund() ? e.amount().negate() : e.amount();
      if (e.refund()) {
        refunds++;
        refundSum = refundSum.add(received);
      } else {
        trades++;
        tradeSum = tradeSum.add(received);
      }
      String[] cells = {
        e.tradeNo() + TAB,
        e.outTradeNo() + TAB,
        (e.refund() ? "退款" : "交易") + TAB,
        csv(e.subject()),
        AlipayTime.format(e.createdAt()),
        AlipayTime.format(e.at()),
        TAB,
        TAB,
        TAB,
        TAB,
        (e.buyerLogonId() == null ? "" : Buyer.mask(e.buyerLogonId())) + TAB,
        Money.format(e.refund() ? e.totalAmount() : e.amount()),
        Money.format(received),
        "0.00",
        "0.00",
        "0.00",
        "0.00",
        "0.00",
        "",
        "0.00" + TAB,
        "0.00",
        (e.refund() ? csv(e.outRequestNo()) : "") + TAB,
        "0.00",
        "0.00",
        ""
      };
      out.append(String.join(",", cells)).append("\r\n");
    }
    out.append(
        "#-----------------------------------------业务明细列表结束------------------------------------\r\n");
    out.append("#交易合计：")
        .append(trades)
        .append("笔，商家实收共")
        .append(Money.format(tradeSum))
        .append("元，商家优惠共0.00元\r\n");
    out.append("#退款合计：")
        .append(refunds)
        .append("笔，商家实收共")
        .append(Money.format(refundSum))
        .append("元，商家优惠共0.00元\r\n");
    return out.append("#导出时间：[").append(EXPORTED.format(exportedAt)).append("]\r\n").toString();
  }

  private static String tradeSummary(
      String account, BillPeriod period, List<BillRepository.Entry> entries, Instant exportedAt) {
    StringBuilder out = head("#支付宝业务汇总查询", account, period, "业务汇总列表");
    out.append(TRADE_SUMMARY_HEADER).append("\r\n");
    long trades = entries.stream().filter(e -> !e.refund()).count();
    long refunds = entries.size() - trades;
    BigDecimal ordered = sum(entries, false);
    BigDecimal net = ordered.subtract(sum(entries, true));
    String zero = "0.00";
    out.append(
            String.join(
                ",",
                "合计",
                "",
                Long.toString(trades),
                Long.toString(refunds),
                Money.format(ordered),
                Money.format(net),
                zero,
                zero,
                zero,
                zero,
                zero,
                zero,
                zero,
                zero,
                zero,
                Money.format(net)))
        .append("\r\n");
    out.append(
        "#-----------------------------------------业务汇总列表结束------------------------------------\r\n");
    return out.append("#导出时间：[").append(EXPORTED.format(exportedAt)).append("]\r\n").toString();
  }

  private static String accountDetail(
      String account,
      BillPeriod period,
      List<BillRepository.Entry> entries,
      BigDecimal openingBalance,
      Instant exportedAt) {
    StringBuilder out = head("#支付宝账务明细查询", account, period, "账务明细列表");
    out.append(ACCOUNT_HEADER).append("\r\n");
    BigDecimal balance = openingBalance;
    for (BillRepository.Entry e : entries) {
      balance = e.refund() ? balance.subtract(e.amount()) : balance.add(e.amount());
      String serial =
          AlipayTime.format(e.at()).substring(0, 10).replace("-", "")
              + (e.refund() ? "02" : "01")
              + String.format("%012d", e.id());
      String[] cells = {
        serial + TAB,
        e.tradeNo() + TAB,
        e.outTradeNo() + TAB,
        csv(e.subject()),
        AlipayTime.format(e.at()),
        (e.buyerLogonId() == null ? "" : Buyer.mask(e.buyerLogonId())) + TAB,
        e.refund() ? "" : "+" + Money.format(e.amount()),
        e.refund() ? "-" + Money.format(e.amount()) : "",
        Money.format(balance),
        "支付宝" + TAB,
        (e.refund() ? "交易退款" : "在线支付") + TAB,
        ""
      };
      out.append(String.join(",", cells)).append("\r\n");
    }
    out.append(
        "#-----------------------------------------账务明细列表结束------------------------------------\r\n");
    long in = entries.stream().filter(e -> !e.refund()).count();
    out.append("#支出合计：")
        .append(entries.size() - in)
        .append("笔，共-")
        .append(Money.format(sum(entries, true)))
        .append("元\r\n");
    out.append("#收入合计：")
        .append(in)
        .append("笔，共")
        .append(Money.format(sum(entries, false)))
        .append("元\r\n");
    return out.append("#导出时间：[").append(EXPORTED.format(exportedAt)).append("]\r\n").toString();
  }

  private static String accountSummary(
      String account, BillPeriod period, List<BillRepository.Entry> entries, Instant exportedAt) {
    StringBuilder out = head("#支付宝账务汇总查询", account, period, "账务汇总列表");
    out.append(ACCOUNT_SUMMARY_HEADER).append("\r\n");
    long in = entries.stream().filter(e -> !e.refund()).count();
    BigDecimal income = sum(entries, false);
    BigDecimal spent = sum(entries, true);
    out.append(
            String.join(
                ",",
                "合计",
                Long.toString(in),
                Money.format(income),
                Long.toString(entries.size() - in),
                "-" + Money.format(spent),
                Money.format(income.subtract(spent))))
        .append("\r\n");
    out.append(
        "#-----------------------------------------账务汇总列表结束------------------------------------\r\n");
    return out.append("#导出时间：[").append(EXPORTED.format(exportedAt)).append("]\r\n").toString();
  }

  private static StringBuilder head(String title, String account, BillPeriod period, String list) {
    return new StringBuilder()
        .append(title)
        .append("\r\n#账号：[")
        .append(account)
        .append("]\r\n")
        .append(period.headerLine())
        .append("\r\n#-----------------------------------------")
        .append(list)
        .append("----------------------------------------\r\n");
  }

  private static BigDecimal sum(List<BillRepository.Entry> entries, boolean refunds) {
    return entries.stream()
        .filter(e -> e.refund() == refunds)
        .map(BillRepository.Entry::amount)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** Quotes a free-text cell only when it must (commas, quotes, line breaks). */
  private static String csv(String text) {
    if (text == null) {
      return "";
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
