package io.paygate.alipay.bill;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.core.channel.BillEntry;
import io.paygate.core.money.Money;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BillCsvTest {

  static final String HEADER =
      "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,"
          + "支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,"
          + "退款批次号/请求号,服务费（元）,分润（元）,备注";

  static final String HEAD =
      "#支付宝业务明细查询\r\n#账号：[20880000000000000156]\r\n"
          + "#起始日期：[2026年06月05日 00:00:00]   终止日期：[2026年06月06日 00:00:00]\r\n"
          + "#-----------------------------------------业务明细列表----------------------------------------\r\n";

  static final String TAIL =
      "#-----------------------------------------业务明细列表结束------------------------------------\r\n"
          + "#交易合计：1笔，商家实收共20.00元，商家优惠共0.00元\r\n"
          + "#退款合计：1笔，商家实收共-5.00元，商家优惠共0.00元\r\n"
          + "#导出时间：[2026年06月06日 09:00:00]\r\n";

  /** A row in header order; only the cells the parser reads vary. */
  static String row(
      String tradeNo,
      String outTradeNo,
      String type,
      String subject,
      String finished,
      String orderAmount,
      String received,
      String outRequestNo) {
    return String.join(
        ",",
        tradeNo + "\t",
        outTradeNo + "\t",
        type + "\t",
        subject,
        "2026-06-05 10:00:00",
        finished,
        "\t",
        "\t",
        "\t",
        "\t",
        "b***@example.com\t",
        orderAmount,
        received,
        "0.00",
        "0.00",
        "0.00",
        "0.00",
        "0.00",
        "",
        "0.00\t",
        "0.00",
        outRequestNo + "\t",
        "0.00",
        "0.00",
        "");
  }

  static byte[] gbk(String text) {
    return text.getBytes(BillCsv.GBK);
  }

  static final String PAYMENT_ROW =
      row(
          "2026060522001419931441931972",
          "ORDER1",
          "交易",
          "\"咖啡, \"\"大杯\"\"\"",
          "2026-06-05 16:01:38",
          "20.00",
          "20.00",
          "");
  static final String REFUND_ROW =
      row(
          "2026060522001419931441931972",
          "ORDER1",
          "退款",
          "咖啡",
          "2026-06-05 18:30:00",
          "20.00",
          "-5.00",
          "R1");

  @Test
  void readsPaymentsAndRefundsByHeaderNameAndStopsAtTheSummary() {
    byte[] file = gbk(HEAD + HEADER + "\r\n" + PAYMENT_ROW + "\r\n" + REFUND_ROW + "\r\n" + TAIL);

    BillStep<List<BillEntry>> parsed = BillCsv.parse(file);

    assertThat(parsed).isInstanceOf(BillStep.Done.class);
    assertThat(((BillStep.Done<List<BillEntry>>) parsed).value())
        .containsExactly(
            new BillEntry(
                BillEntry.Kind.PAYMENT,
                "2026060522001419931441931972",
                "ORDER1",
                null,
                Money.parse("20.00"),
                Instant.parse("2026-06-05T08:01:38Z")),
            // The refund's amount is its 商家实收 without the sign, not the trade's 订单金额.
            new BillEntry(
                BillEntry.Kind.REFUND,
                "2026060522001419931441931972",
                "ORDER1",
                "R1",
                Money.parse("5.00"),
                Instant.parse("2026-06-05T10:30:00Z")));
  }

  @Test
  void findsColumnsByNameWhateverTheirOrder() {
    String header = "支付宝交易号,业务类型,完成时间,退款批次号/请求号,商家实收（元）,订单金额（元）,商户订单号";
    String refund = "2026060522009\t,退款\t,2026-06-05 01:00:00,R9\t,-1.50,3.00,ORDER9\t";

    BillStep<List<BillEntry>> parsed =
        BillCsv.parse(gbk(HEAD + header + "\n" + refund + "\n#end\n"));

    assertThat(((BillStep.Done<List<BillEntry>>) parsed).value())
        .containsExactly(
            new BillEntry(
                BillEntry.Kind.REFUND,
                "2026060522009",
                "ORDER9",
                "R9",
                Money.parse("1.50"),
                Instant.parse("2026-06-04T17:00:00Z")));
  }

  @Test
  void aQuotedCellMaySpanLines() {
    String payment =
        row("T1", "O1", "交易", "\"两行\r\n的商品\"", "2026-06-05 12:00:00", "1.00", "1.00", "");

    BillStep<List<BillEntry>> parsed =
        BillCsv.parse(gbk(HEAD + HEADER + "\r\n" + payment + "\r\n" + TAIL));

    assertThat(((BillStep.Done<List<BillEntry>>) parsed).value())
        .extracting(BillEntry::outTradeNo)
        .containsExactly("O1");
  }

  @Test
  void aHeaderOnlyFileIsAnEmptyBill() {
    BillStep<List<BillEntry>> parsed = BillCsv.parse(gbk(HEAD + HEADER + "\r\n" + TAIL));

    assertThat(((BillStep.Done<List<BillEntry>>) parsed).value()).isEmpty();
  }

  @Test
  void aMalformedAmountFailsTheWholeFileWithItsLine() {
    String bad = row("T2", "O2", "交易", "茶", "2026-06-05 12:00:00", "1.0x", "1.00", "");

    BillStep<List<BillEntry>> parsed =
        BillCsv.parse(gbk(HEAD + HEADER + "\r\n" + PAYMENT_ROW + "\r\n" + bad + "\r\n" + TAIL));

    assertThat(parsed).isInstanceOf(BillStep.Failed.class);
    assertThat(((BillStep.Failed<List<BillEntry>>) parsed).reason())
        .startsWith("bill line 7:")
        .contains("订单金额（元）", "1.0x");
  }

  @Test
  void unreadableRowsAreFailuresNotGuesses() {
    assertThat(reason(row("T", "O", "冻结", "x", "2026-06-05 12:00:00", "1.00", "1.00", "")))
        .contains("业务类型");
    assertThat(reason(row("T", "O", "交易", "x", "06/05/2026 12:00", "1.00", "1.00", "")))
        .contains("完成时间");
    assertThat(reason(row("", "O", "交易", "x", "2026-06-05 12:00:00", "1.00", "1.00", "")))
        .contains("支付宝交易号 is empty");
    assertThat(reason(row("T", "O", "退款", "x", "2026-06-05 12:00:00", "1.00", "-1e3", "R")))
        .contains("商家实收（元）");
    // An unquoted comma in a product name shifts every later cell.
    assertThat(reason(row("T", "O", "交易", "a,b", "2026-06-05 12:00:00", "1.00", "1.00", "")))
        .contains("26 cells where the header has 25");
    assertThat(reason(row("T", "O", "交易", "\"open", "2026-06-05 12:00:00", "1.00", "1.00", "")))
        .contains("never closed");
  }

  @Test
  void aFileCutShortOrWithoutItsHeaderIsAFailure() {
    assertThat(failure(gbk(HEAD + HEADER + "\r\n" + PAYMENT_ROW + "\r\n")))
        .contains("without the # summary lines");
    assertThat(failure(gbk(HEAD + TAIL))).contains("no header line starting 支付宝交易号");
    assertThat(failure(gbk(HEAD + "junk,line\r\n" + HEADER + "\r\n" + TAIL)))
        .startsWith("bill line 5:");
  }

  @Test
  void bytesThatAreNotGbkInACellWeReadFailTheFile() {
    byte[] head = gbk(HEAD + HEADER + "\r\n");
    byte[] row =
        gbk(row("T", "O", "交易", "x", "2026-06-05 12:00:00", "1.00", "1.00", "") + "\r\n" + TAIL);
    // 0x81 0x20 is not a GBK sequence; put it in the out_trade_no cell.
    int at = new String(row, BillCsv.GBK).indexOf("O\t");
    byte[] file = new byte[head.length + row.length + 2];
    System.arraycopy(head, 0, file, 0, head.length);
    System.arraycopy(row, 0, file, head.length, at + 2);
    file[head.length + at + 2] = (byte) 0x81;
    file[head.length + at + 3] = (byte) 0x20;
    System.arraycopy(row, at + 2, file, head.length + at + 4, row.length - at - 2);

    assertThat(failure(file)).contains("商户订单号 has bytes that are not GBK");
  }

  private static String reason(String row) {
    return failure(gbk(HEAD + HEADER + "\r\n" + row + "\r\n" + TAIL));
  }

  private static String failure(byte[] file) {
    BillStep<List<BillEntry>> parsed = BillCsv.parse(file);
    assertThat(parsed).isInstanceOf(BillStep.Failed.class);
    return ((BillStep.Failed<List<BillEntry>>) parsed).reason();
  }
}
