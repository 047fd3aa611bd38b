package io.paygate.sandbox.wechatpay.bills;

import io.paygate.sandbox.wechatpay.refunds.Refund;
import io.paygate.sandbox.wechatpay.transactions.Transaction;
import io.paygate.sandbox.wechatpay.wire.WxTime;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Bill files laid out as WeChat Pay's: comma-separated UTF-8 (no BOM), CRLF; a header line, detail
 * lines with a backtick before every cell, a summary header and one summary line; amounts in yuan
 * (2 decimals; the fee 5). The sandbox charges no fee.
 */
final class BillFiles {

  static final String TRADE_HEADER =
      "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,"
          + "应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,"
          + "费率,订单金额,申请退款金额,费率备注";
  static final String TRADE_SUMMARY = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";
  static final String FUND_HEADER =
      "记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额(元),账户结余(元),资金变更提交申请人,备注,业务凭证号";
  static final String FUND_SUMMARY = "资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额";

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private BillFiles() {}

  /** {@code billType} ALL, SUCCESS (payments only) or REFUND (refunds only). */
  static String trade(
      String billType, List<Transaction> paid, List<Refund> refunds, List<Transaction> orders) {
    List<String> lines = new ArrayList<>();
    lines.add(TRADE_HEADER);
    long settled = 0;
    long refunded = 0;
    long ordered = 0;
    int count = 0;
    if (!billType.equals("REFUND")) {
      for (Transaction t : paid) {
        lines.add(
            row(
                time(t.successAt()),
                t.appid(),
                t.mchid(),
                "0",
                "",
                t.transactionId(),
                t.outTradeNo(),
                t.paidOpenid(),
                t.tradeType().name(),
                "SUCCESS",
                "OTHERS",
                "CNY",
                yuan(t.totalFen()),
                "0.00",
                "0",
                "0",
                "0.00",
                "0.00",
                "",
                "",
                t.description(),
                t.attach() == null ? "" : t.attach(),
                "0.00000",
                "0.00%",
                yuan(t.totalFen()),
                "0.00",
                ""));
        settled += t.totalFen();
        ordered += t.totalFen();
        count++;
      }
    }
    if (!billType.equals("SUCCESS")) {
      for (Refund r : refunds) {
        Transaction t =
            orders.stream()
                .filter(o -> o.outTradeNo().equals(r.outTradeNo()))
                .findFirst()
                .orElseThrow();
        lines.add(
            row(
                time(r.successAt()),
                t.appid(),
                t.mchid(),
                "0",
                "",
                t.transactionId(),
                t.outTradeNo(),
                t.paidOpenid(),
                t.tradeType().name(),
                "REFUND",
                "OTHERS",
                "CNY",
                "0.00",
                "0.00",
                r.refundId(),
                r.outRefundNo(),
                yuan(r.refundFen()),
                "0.00",
                "ORIGINAL",
                "SUCCESS",
                t.description(),
                t.attach() == null ? "" : t.attach(),
                "0.00000",
                "0.00%",
                "0.00",
                yuan(r.refundFen()),
                ""));
        refunded += r.refundFen();
        count++;
      }
    }
    lines.add(TRADE_SUMMARY);
    lines.add(
        row(
            Integer.toString(count),
            yuan(settled),
            yuan(refunded),
            "0.00",
            "0.00000",
            yuan(ordered),
            yuan(refunded)));
    return String.join("\r\n", lines) + "\r\n";
  }

  /** The basic account's movements: payments in, refunds out, with the running balance. */
  static String fundFlow(long openingFen, List<Transaction> paid, List<Refund> refunds) {
    record Entry(Instant at, String line, long signedFen) {}
    List<Entry> entries = new ArrayList<>();
    for (Transaction t : paid) {
      entries.add(new Entry(t.successAt(), t.transactionId() + "|交易|收入|", t.totalFen()));
    }
    for (Refund r : refunds) {
      entries.add(new Entry(r.successAt(), r.refundId() + "|退款|支出|", -r.refundFen()));
    }
    entries.sort(Comparator.comparing(Entry::at));
    List<String> lines = new ArrayList<>();
    lines.add(FUND_HEADER);
    long balance = openingFen;
    long in = 0;
    long out = 0;
    int ins = 0;
    int outs = 0;
    int serial = 0;
    for (Entry e : entries) {
      String[] parts = e.line().split("\\|");
      balance += e.signedFen();
      serial++;
      boolean income = e.signedFen() > 0;
      lines.add(
          row(
              time(e.at()),
              parts[0],
              "1900"
                  + DateTimeFormatter.ofPattern("yyyyMMdd").format(e.at().atOffset(WxTime.BEIJING))
                  + String.format("%010d", serial),
              parts[1],
              parts[1],
              parts[2],
              yuan(Math.abs(e.signedFen())),
              yuan(balance),
              "system",
              "",
              income ? parts[0] : "REF" + parts[0]));
      if (income) {
        ins++;
        in += e.signedFen();
      } else {
        outs++;
        out -= e.signedFen();
      }
    }
    lines.add(FUND_SUMMARY);
    lines.add(
        row(
            Integer.toString(entries.size()),
            Integer.toString(ins),
            yuan(in),
            Integer.toString(outs),
            yuan(out)));
    return String.join("\r\n", lines) + "\r\n";
  }

  private static String row(String... cells) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append('`').append(cells[i].replace(",", "，"));
    }
    return line.toString();
  }

  private static String time(Instant at) {
    return TIME.format(at.atOffset(WxTime.BEIJING));
  }

  static String yuan(long fen) {
    return BigDecimal.valueOf(fen, 2).toPlainString();
  }
}
