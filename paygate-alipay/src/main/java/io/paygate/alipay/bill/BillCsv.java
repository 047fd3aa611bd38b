package io.paygate.alipay.bill;

import io.paygate.alipay.wire.AlipayAmounts;
import io.paygate.alipay.wire.AlipayTimes;
import io.paygate.core.channel.BillEntry;
import io.paygate.core.money.Money;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code trade} bill's detail CSV (业务明细, GBK) as bill entries. Columns are found by their
 * header names, not positions: Alipay does not promise the order. Any row that cannot be read
 * exactly fails the whole file; a reconciliation must never run against a guessed book.
 */
final class BillCsv {

  static final Charset GBK = Charset.forName("GBK");

  static final String TRADE_NO = "支付宝交易号";
  static final String OUT_TRADE_NO = "商户订单号";
  static final String TYPE = "业务类型";
  static final String FINISHED = "完成时间";
  static final String ORDER_AMOUNT = "订单金额（元）";
  static final String RECEIVED = "商家实收（元）";
  static final String OUT_REQUEST_NO = "退款批次号/请求号";
  private static final List<String> NEEDED =
      List.of(TRADE_NO, OUT_TRADE_NO, TYPE, FINISHED, ORDER_AMOUNT, RECEIVED, OUT_REQUEST_NO);

  static final String PAYMENT = "交易";
  static final String REFUND = "退款";

  private BillCsv() {}

  /** Parses the detail file's bytes (GBK). */
  static BillStep<List<BillEntry>> parse(byte[] gbk) {
    String text;
    try {
      text = decode(gbk);
    } catch (CharacterCodingException e) {
      return new BillStep.Failed<>("the detail file is not GBK text");
    }
    try {
      return new BillStep.Done<>(read(new Records(text)));
    } catch (Unreadable e) {
      return new BillStep.Failed<>(e.getMessage());
    }
  }

  // Unmappable bytes become U+FFFD so a rare character in a product name does not fail the day;
  // a cell we read that contains one is refused below.
  private static String decode(byte[] gbk) throws CharacterCodingException {
    return GBK.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE)
        .decode(ByteBuffer.wrap(gbk))
        .toString();
  }

  private static List<BillEntry> read(Records records) {
    Map<String, Integer> columns = null;
    int headerWidth = 0;
    List<BillEntry> entries = new ArrayList<>();
    Record record;
    while ((record = records.next()) != null) {
      if (record.blank()) {
        continue;
      }
      if (columns == null) {
        if (record.comment()) {
          continue;
        }
        if (!TRADE_NO.equals(clean(record.cells().get(0)))) {
          throw new Unreadable(record.line(), "expected the header starting " + TRADE_NO);
        }
        columns = columns(record);
        headerWidth = record.cells().size();
        continue;
      }
      if (record.comment()) {
        // The end of the list and the totals (#交易合计, #退款合计, #导出时间): the rows are done.
        return entries;
      }
      if (record.cells().size() != headerWidth) {
        // A shifted row (an unquoted comma in a product name) would put amounts in wrong columns.
        throw new Unreadable(
            record.line(), record.cells().size() + " cells where the header has " + headerWidth);
      }
      entries.add(entry(record, columns));
    }
    if (columns == null) {
      throw new Unreadable(0, "no header line starting " + TRADE_NO);
    }
    // A file whose list does not end with the # lines was cut short.
    throw new Unreadable(records.line(), "the detail list ends without the # summary lines");
  }

  private static Map<String, Integer> columns(Record header) {
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.cells().size(); i++) {
      columns.putIfAbsent(clean(header.cells().get(i)), i);
    }
    for (String name : NEEDED) {
      if (!columns.containsKey(name)) {
        throw new Unreadable(header.line(), "the header has no column " + name);
      }
    }
    return columns;
  }

  private static BillEntry entry(Record row, Map<String, Integer> columns) {
    String type = cell(row, columns, TYPE);
    String tradeNo = required(row, columns, TRADE_NO);
    String outTradeNo = required(row, columns, OUT_TRADE_NO);
    Instant finishedAt = time(row, columns);
    if (PAYMENT.equals(type)) {
      return new BillEntry(
          BillEntry.Kind.PAYMENT,
          tradeNo,
          outTradeNo,
          null,
          amount(row, columns, ORDER_AMOUNT, false),
          finishedAt);
    }
    if (REFUND.equals(type)) {
      String outRequestNo = cell(row, columns, OUT_REQUEST_NO);
      // 订单金额 of a refund row is the trade's total in the sandbox; 商家实收 is the refund,
      // negative, in both the sandbox's and Alipay's samples.
      return new BillEntry(
          BillEntry.Kind.REFUND,
          tradeNo,
          outTradeNo,
          outRequestNo.isEmpty() ? null : outRequestNo,
          amount(row, columns, RECEIVED, true),
          finishedAt);
    }
    throw new Unreadable(row.line(), TYPE + " \"" + shorten(type) + "\" is neither 交易 nor 退款");
  }

  private static String required(Record row, Map<String, Integer> columns, String name) {
    String value = cell(row, columns, name);
    if (value.isEmpty()) {
      throw new Unreadable(row.line(), name + " is empty");
    }
    return value;
  }

  private static Instant time(Record row, Map<String, Integer> columns) {
    String text = required(row, columns, FINISHED);
    try {
      return AlipayTimes.read(text);
    } catch (IllegalArgumentException e) {
      throw new Unreadable(row.line(), FINISHED + " \"" + shorten(text) + "\" is not a time");
    }
  }

  /** A positive amount; a refund's may carry a minus sign, which is dropped. */
  private static Money amount(
      Record row, Map<String, Integer> columns, String name, boolean signed) {
    String text = required(row, columns, name);
    String digits = signed && text.startsWith("-") ? text.substring(1) : text;
    Money amount;
    try {
      amount = AlipayAmounts.read(digits);
    } catch (IllegalArgumentException e) {
      throw new Unreadable(row.line(), name + " \"" + shorten(text) + "\" is not an amount");
    }
    if (amount == null || amount.isZero()) {
      throw new Unreadable(
          row.line(), name + " \"" + shorten(text) + "\" is not a positive amount");
    }
    return amount;
  }

  private static String cell(Record row, Map<String, Integer> columns, String name) {
    String value = clean(row.cells().get(columns.get(name)));
    if (value.indexOf('\uFFFD') >= 0) {
      throw new Unreadable(row.line(), name + " has bytes that are not GBK");
    }
    return value;
  }

  /** Id-like cells end with a TAB (so spreadsheets keep them as text); blanks are not content. */
  private static String clean(String cell) {
    return cell.strip();
  }

  private static String shorten(String text) {
    return text.length() > 30 ? text.substring(0, 30) + "…" : text;
  }

  /** One CSV record: a {@code #} line, or cells. {@code line} is where it starts (1-based). */
  private record Record(int line, boolean comment, List<String> cells) {

    boolean blank() {
      return !comment && cells.size() == 1 && cells.get(0).isBlank();
    }
  }

  /** RFC 4180 records: quoted cells may hold commas, doubled quotes and line breaks. */
  private static final class Records {

    private final CharBuffer text;
    private int line = 1;

    Records(String text) {
      this.text = CharBuffer.wrap(text);
    }

    int line() {
      return line;
    }

    Record next() {
      if (!text.hasRemaining()) {
        return null;
      }
      int start = line;
      if (text.get(text.position()) == '#') {
        StringBuilder comment = new StringBuilder();
        while (text.hasRemaining() && !endOfLine()) {
          comment.append(text.get());
        }
        return new Record(start, true, List.of(comment.toString()));
      }
      List<String> cells = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      boolean wasQuoted = false;
      while (text.hasRemaining()) {
        if (quoted) {
          char c = text.get();
          if (c == '"') {
            if (text.hasRemaining() && text.get(text.position()) == '"') {
              text.get();
              cell.append('"');
            } else {
              quoted = false;
            }
          } else {
            if (c == '\n') {
              line++;
            }
            cell.append(c);
          }
          continue;
        }
        if (endOfLine()) {
          cells.add(cell.toString());
          return new Record(start, false, cells);
        }
        char c = text.get();
        if (c == ',') {
          cells.add(cell.toString());
          cell.setLength(0);
          wasQuoted = false;
        } else if (c == '"' && cell.toString().isBlank() && !wasQuoted) {
          quoted = true;
          wasQuoted = true;
          cell.setLength(0);
        } else {
          cell.append(c);
        }
      }
      if (quoted) {
        throw new Unreadable(start, "a quoted cell is never closed");
      }
      cells.add(cell.toString());
      return new Record(start, false, cells);
    }

    /** Consumes a line break (CRLF, LF or CR) if one is next. */
    private boolean endOfLine() {
      char c = text.get(text.position());
      if (c == '\n') {
        text.get();
        line++;
        return true;
      }
      if (c == '\r') {
        text.get();
        if (text.hasRemaining() && text.get(text.position()) == '\n') {
          text.get();
        }
        line++;
        return true;
      }
      return false;
    }
  }

  /** A row that cannot be read exactly; its message names the line. */
  private static final class Unreadable extends RuntimeException {

    Unreadable(int line, String problem) {
      super(line > 0 ? "bill line " + line + ": " + problem : "bill: " + problem);
    }
  }
}
