package io.paygate.sandbox.wechatpay.bills;

import io.paygate.sandbox.clock.VirtualClock;
import io.paygate.sandbox.database.SandboxDatabase;
import io.paygate.sandbox.wechatpay.merchants.Merchant;
import io.paygate.sandbox.wechatpay.refunds.Refund;
import io.paygate.sandbox.wechatpay.refunds.RefundRepository;
import io.paygate.sandbox.wechatpay.transactions.Transaction;
import io.paygate.sandbox.wechatpay.transactions.TransactionRepository;
import io.paygate.sandbox.wechatpay.wire.WxError;
import io.paygate.sandbox.wechatpay.wire.WxIds;
import io.paygate.sandbox.wechatpay.wire.WxTime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.springframework.stereotype.Service;

/**
 * Trade and fund-flow bills of one Beijing day on the virtual clock: ready from 10:00 the next day
 * (before: 400 STATEMENT_CREATING), for the last three months; a day without activity is 400
 * NO_STATEMENT_EXIST. The file is fixed when asked for; its download URL lives five virtual
 * minutes.
 */
@Service
public class WxBills {

  static final Duration URL_LIFE = Duration.ofMinutes(5);

  private final TransactionRepository transactions;
  private final RefundRepository refunds;
  private final VirtualClock clock;
  private final SandboxDatabase db;

  public WxBills(
      TransactionRepository transactions,
      RefundRepository refunds,
      VirtualClock clock,
      SandboxDatabase db) {
    this.transactions = transactions;
    this.refunds = refunds;
    this.clock = clock;
    this.db = db;
  }

  /**
   * A bill ready to download: the token of its URL and the SHA-1 (hex) of the uncompressed file.
   */
  public record Issued(String token, String sha1) {}

  /** A downloadable file: its bytes as sent (gzip when asked) and whether they are gzip. */
  public record File(byte[] bytes, boolean gzip) {}

  public Issued tradeBill(Merchant m, String billDate, String billType, boolean gzip) {
    if (!List.of("ALL", "SUCCESS", "REFUND").contains(billType)) {
      throw WxError.param("bill_type", "ALL, SUCCESS or REFUND");
    }
    Day day = day(billDate);
    List<Transaction> paid = transactions.paidBetween(m.mchid(), day.from(), day.to());
    List<Refund> refunded = refunds.succeededBetween(m.mchid(), day.from(), day.to());
    boolean empty =
        switch (billType) {
          case "SUCCESS" -> paid.isEmpty();
          case "REFUND" -> refunded.isEmpty();
          default -> paid.isEmpty() && refunded.isEmpty();
        };
    if (empty) {
      throw WxError.of(400, "NO_STATEMENT_EXIST", "请求的账单文件不存在");
    }
    List<Transaction> orders =
        refunded.stream()
            .map(r -> transactions.byOutTradeNo(m.mchid(), r.outTradeNo()).orElseThrow())
            .toList();
    return issue(m, BillFiles.trade(billType, paid, refunded, orders), gzip);
  }

  public Issued fundFlowBill(Merchant m, String billDate, String accountType, boolean gzip) {
    if (!accountType.equals("BASIC")) {
      // Only the basic account moves in the sandbox; the others have no flow.
      throw WxError.of(400, "NO_STATEMENT_EXIST", "请求的账单文件不存在");
    }
    Day day = day(billDate);
    List<Transaction> paid = transactions.paidBetween(m.mchid(), day.from(), day.to());
    List<Refund> refunded = refunds.succeededBetween(m.mchid(), day.from(), day.to());
    if (paid.isEmpty() && refunded.isEmpty()) {
      throw WxError.of(400, "NO_STATEMENT_EXIST", "请求的账单文件不存在");
    }
    long opening =
        transactions.paidBetween(m.mchid(), Instant.EPOCH, day.from()).stream()
                .mapToLong(Transaction::totalFen)
                .sum()
            - refunds.succeededBetween(m.mchid(), Instant.EPOCH, day.from()).stream()
                .mapToLong(Refund::refundFen)
                .sum();
    return issue(m, BillFiles.fundFlow(opening, paid, refunded), gzip);
  }

  /**
   * The file behind a token: 400 INVALID_REQUEST when unknown or expired, 403 for another mchid.
   */
  public File download(Merchant m, String token) {
    record Row(String mchid, String content, boolean gzip, long expiresAt) {}
    Optional<Row> row =
        db
            .jdbc()
            .query(
                "SELECT mchid, content, gzip, expires_at FROM wx_bill_tokens WHERE token = ?",
                (rs, i) ->
                    new Row(
                        rs.getString("mchid"),
                        rs.getString("content"),
                        rs.getBoolean("gzip"),
                        rs.getLong("expires_at")),
                token == null ? "" : token)
            .stream()
            .findFirst();
    if (row.isEmpty() || clock.now().toEpochMilli() > row.get().expiresAt()) {
      throw WxError.invalidRequest("账单下载链接已过期或无效，请重新获取");
    }
    if (!row.get().mchid().equals(m.mchid())) {
      throw WxError.of(403, "NO_AUTH", "无权下载此账单");
    }
    byte[] plain = row.get().content().getBytes(StandardCharsets.UTF_8);
    return new File(row.get().gzip() ? gzip(plain) : plain, row.get().gzip());
  }

  private Issued issue(Merchant m, String content, boolean gzip) {
    String token = WxIds.alnum(40);
    db.jdbc()
        .update(
            "INSERT INTO wx_bill_tokens (token, mchid, content, gzip, expires_at)"
                + " VALUES (?, ?, ?, ?, ?)",
            token,
            m.mchid(),
            content,
            gzip,
            clock.now().plus(URL_LIFE).toEpochMilli());
    return new Issued(token, sha1(content.getBytes(StandardCharsets.UTF_8)));
  }

  private record Day(Instant from, Instant to) {}

  private Day day(String billDate) {
    LocalDate date;
    try {
      date = LocalDate.parse(billDate == null ? "" : billDate);
    } catch (DateTimeParseException e) {
      throw WxError.param("bill_date", "yyyy-MM-dd");
    }
    Instant now = clock.now();
    LocalDate today = now.atOffset(WxTime.BEIJING).toLocalDate();
    if (date.isAfter(today)) {
      throw WxError.param("bill_date", "a day in the future");
    }
    Instant ready = date.plusDays(1).atTime(10, 0).toInstant(WxTime.BEIJING);
    if (now.isBefore(ready)) {
      throw WxError.of(400, "STATEMENT_CREATING", "账单生成中");
    }
    if (date.isBefore(today.minusMonths(3))) {
      throw WxError.of(400, "NO_STATEMENT_EXIST", "请求的账单文件不存在");
    }
    return new Day(
        date.atStartOfDay().toInstant(WxTime.BEIJING),
        date.plusDays(1).atStartOfDay().toInstant(WxTime.BEIJING));
  }

  private static String sha1(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is not available", e);
    }
  }

  private static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(plain);
    } catch (IOException e) {
      throw new IllegalStateException("gzip failed in memory", e);
    }
    return out.toByteArray();
  }
}
