package io.paygate.wechatpay.bill;

import io.paygate.core.channel.BillEntry;
import io.paygate.core.channel.ChannelBill;
import io.paygate.core.money.Money;
import io.paygate.wechatpay.refund.RefundNumbers;
import io.paygate.wechatpay.wire.WxTimes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a trade bill (交易账单, type ALL): a header line, detail lines whose every cell starts with a
 * backtick, then a summary header and line. Columns are found by their names, not positions (the
 * REFUND bill adds some). Amounts are yuan with two decimals, times China's.
 */
final class TradeBillCsv {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private TradeBillCsv() {}

  static ChannelBill read(LocalDate date, String text) {
    Instant from = date.atStartOfDay().toInstant(WxTimes.CHINA);
    Instant to = date.plusDays(1).atStartOfDay().toInstant(WxTimes.CHINA);
    List<String> lines = Bills.lines(text);
    List<BillEntry> entries = new ArrayList<>();
    if (lines.isEmpty()) {
      return new ChannelBill(date, from, to, entries);
    }
    Map<String, Integer> column = new HashMap<>();
    String[] header = lines.get(0).split(",", -1);
    for (int i = 0; i < header.length; i++) {
      column.put(header[i].trim(), i);
    }
    for (String line : lines.subList(1, lines.size())) {
      if (!line.startsWith("`")) {
        break; // the summary's header: the details are over
      }
      String[] cells = line.split(",`", -1);
      cells[0] = cells[0].substring(1);
      String state = cell(cells, column, "交易状态");
      Instant at = LocalDateTime.parse(cell(cells, column, "交易时间"), TIME).toInstant(WxTimes.CHINA);
      if ("SUCCESS".equals(state)) {
        entries.add(
            new BillEntry(
                BillEntry.Kind.PAYMENT,
                cell(cells, column, "微信订单号"),
                cell(cells, column, "商户订单号"),
                null,
                Money.parse(cell(cells, column, "订单金额")),
                at));
      } else if ("REFUND".equals(state) && "SUCCESS".equals(cell(cells, column, "退款状态"))) {
        entries.add(
            new BillEntry(
                BillEntry.Kind.REFUND,
                cell(cells, column, "微信订单号"),
                cell(cells, column, "商户订单号"),
                RefundNumbers.outRequestNo(
                    cell(cells, column, "商户订单号"), cell(cells, column, "商户退款单号")),
                Money.parse(cell(cells, column, "申请退款金额")),
                at));
      }
    }
    return new ChannelBill(date, from, to, entries);
  }

  private static String cell(String[] cells, Map<String, Integer> column, String name) {
    Integer i = column.get(name);
    if (i == null || i >= cells.length) {
      throw new IllegalArgumentException("the bill has no column " + name);
    }
    return cells[i].trim();
  }
}
