package io.paygate.sandbox.wechatpay.transactions;

import io.paygate.sandbox.clock.VirtualClock;
import io.paygate.sandbox.database.SandboxDatabase;
import io.paygate.sandbox.problems.SandboxProblem;
import io.paygate.sandbox.wechatpay.merchants.Merchant;
import io.paygate.sandbox.wechatpay.merchants.WxMerchants;
import io.paygate.sandbox.wechatpay.notify.WxNotifications;
import io.paygate.sandbox.wechatpay.payers.Payer;
import io.paygate.sandbox.wechatpay.payers.WxPayers;
import io.paygate.sandbox.wechatpay.wire.WxError;
import io.paygate.sandbox.wechatpay.wire.WxIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Orders: prepay (and its repeats), close, and the payer's payment. Times on the virtual clock. */
@Service
public class WxTransactions {

  static final Duration DEFAULT_EXPIRY = Duration.ofDays(7);
  static final Duration MIN_EXPIRY = Duration.ofMinutes(1);
  static final Duration MAX_EXPIRY = Duration.ofDays(90);

  private final TransactionRepository transactions;
  private final WxPayers payers;
  private final WxMerchants merchants;
  private final WxNotifications notifications;
  private final VirtualClock clock;
  private final SandboxDatabase db;

  public WxTransactions(
      TransactionRepository transactions,
      WxPayers payers,
      WxMerchants merchants,
      WxNotifications notifications,
      VirtualClock clock,
      SandboxDatabase db) {
    this.transactions = transactions;
    this.payers = payers;
    this.merchants = merchants;
    this.notifications = notifications;
    this.clock = clock;
    this.db = db;
  }

  /** A checked prepay request. {@code timeExpire} null for "not given". */
  public record Prepay(
      TradeType tradeType,
      String appid,
      String outTradeNo,
      String description,
      String attach,
      String notifyUrl,
      long totalFen,
      String payerOpenid,
      Instant timeExpire,
      String fingerprint) {}

  /**
   * The order for this prepay: new, or the same one again for a repeat with identical parameters
   * while unpaid. A changed repeat → 403 OUT_TRADE_NO_USED; a paid one → 400 ORDERPAID; a closed
   * one → 400 ORDER_CLOSED.
   */
  public Transaction prepay(Merchant merchant, Prepay p) {
    return db.tx()
        .execute(
            s -> {
              Optional<Transaction> existing =
                  transactions.byOutTradeNo(merchant.mchid(), p.outTradeNo());
              if (existing.isPresent()) {
                return repeat(existing.get(), p);
              }
              Instant now = clock.now();
              Transaction t =
                  new Transaction(
                      0,
                      merchant.mchid(),
                      p.appid(),
                      p.outTradeNo(),
                      p.tradeType(),
                      p.description(),
                      p.attach(),
                      p.notifyUrl(),
                      p.totalFen(),
                      p.payerOpenid(),
                      p.fingerprint(),
                      WxIds.prepayId(now),
                      p.tradeType() == TradeType.NATIVE
                          ? "weixin://wxpay/bizpayurl?pr=" + WxIds.alnum(10)
                          : null,
                      expiry(now, p.timeExpire()),
                      TradeState.NOTPAY,
                      null,
                      null,
                      null,
                      null,
                      0,
                      now);
              try {
                transactions.insert(t);
              } catch (DuplicateKeyException raced) {
                // The same out_trade_no prepaid at the same moment: one order, this a repeat.
                return repeat(
                    transactions.byOutTradeNo(merchant.mchid(), p.outTradeNo()).orElseThrow(), p);
              }
              return transactions.byOutTradeNo(merchant.mchid(), p.outTradeNo()).orElseThrow();
            });
  }

  private static Transaction repeat(Transaction t, Prepay p) {
    if (t.tradeState().paid()) {
      throw WxError.of(400, "ORDERPAID", "订单已支付");
    }
    if (t.tradeState() == TradeState.CLOSED) {
      throw WxError.of(400, "ORDER_CLOSED", "订单已关闭");
    }
    if (!t.fingerprint().equals(p.fingerprint())) {
      throw WxError.of(403, "OUT_TRADE_NO_USED", "商户订单号重复");
    }
    return t;
  }

  /** time_expire raised to a minute after creation, cut to 90 days; absent: 7 days. */
  private static Instant expiry(Instant now, Instant asked) {
    if (asked == null) {
      return now.plus(DEFAULT_EXPIRY);
    }
    if (asked.isBefore(now.plus(MIN_EXPIRY))) {
      return now.plus(MIN_EXPIRY);
    }
    return asked.isAfter(now.plus(MAX_EXPIRY)) ? now.plus(MAX_EXPIRY) : asked;
  }

  public Optional<Transaction> byOutTradeNo(String mchid, String outTradeNo) {
    return transactions.byOutTradeNo(mchid, outTradeNo);
  }

  public Optional<Transaction> byTransactionId(String mchid, String transactionId) {
    return transactions.byTransactionId(mchid, transactionId);
  }

  /**
   * Closes an unpaid order; a closed or unknown one is fine (WeChat Pay answers 204 for those too);
   * a paid one → 400 ORDERPAID.
   */
  public void close(Merchant merchant, String outTradeNo) {
    Optional<Transaction> found = transactions.byOutTradeNo(merchant.mchid(), outTradeNo);
    if (found.isEmpty() || found.get().tradeState() == TradeState.CLOSED) {
      return;
    }
    if (!transactions.close(found.get().id())) {
      throw WxError.of(400, "ORDERPAID", "订单已支付");
    }
  }

  /**
   * The payer's phone pays the order (a Native code scanned, a JSAPI/H5/App order confirmed): the
   * wallet is charged, the order is SUCCESS and TRANSACTION.SUCCESS is notified once committed.
   * {@code openid} may be null: the JSAPI order's payer, or else the default payer.
   */
  public Transaction pay(String mchid, String openid, String outTradeNo) {
    return pay(mchid, openid, outTradeNo, null);
  }

  /**
   * As {@link #pay(String, String, String)}, the front end's pay parameters checked first as the
   * WeChat client checks them, when given: JSAPI {@code appId, timeStamp, nonceStr, package
   * ("prepay_id=…"), signType "RSA", paySign} over {@code appId\ntimeStamp\nnonceStr\npackage\n};
   * App {@code appid, partnerid, prepayid, package "Sign=WXPay", noncestr, timestamp, sign} over
   * {@code appid\ntimestamp\nnoncestr\nprepayid\n}; both signed with the merchant's API key.
   */
  public Transaction pay(
      String mchid, String openid, String outTradeNo, Map<String, String> payParams) {
    Merchant merchant =
        merchants
            .find(mchid)
            .orElseThrow(() -> SandboxProblem.notFound("MERCHANT_NOT_FOUND", "No such mchid."));
    if (payParams != null) {
      transactions
          .byOutTradeNo(mchid, outTradeNo)
          .ifPresent(order -> PayParams.check(merchant, order, payParams));
    }
    return db.tx()
        .execute(
            s -> {
              Transaction t =
                  transactions
                      .lock(mchid, outTradeNo)
                      .orElseThrow(
                          () ->
                              SandboxProblem.notFound(
                                  "ORDER_NOT_FOUND", "No order with this out_trade_no."));
              if (t.tradeState().paid()) {
                throw SandboxProblem.conflict("ORDER_PAID", "The order is paid already.");
              }
              if (t.tradeState() == TradeState.CLOSED) {
                throw SandboxProblem.conflict("ORDER_CLOSED", "The order is closed.");
              }
              Instant now = clock.now();
              if (now.isAfter(t.timeExpire())) {
                throw SandboxProblem.conflict(
                    "ORDER_EXPIRED", "The order's time_expire has passed.");
              }
              String who = openid == null || openid.isBlank() ? t.payerOpenid() : openid;
              if (t.payerOpenid() != null && !t.payerOpenid().equals(who)) {
                throw SandboxProblem.conflict(
                    "OPENID_MISMATCH", "This JSAPI order is for another payer's openid.");
              }
              Payer payer =
                  who == null
                      ? payers.defaultPayer()
                      : payers
                          .byOpenid(t.appid(), who)
                          .orElseThrow(
                              () ->
                                  new SandboxProblem(
                                      HttpStatus.NOT_FOUND,
                                      "PAYER_NOT_FOUND",
                                      "No payer has this openid at the order's appid.",
                                      "openid"));
              if (!payers.debit(payer.id(), t.totalFen())) {
                throw SandboxProblem.conflict("NOT_ENOUGH", "The payer's balance is too low.");
              }
              String paidOpenid = WxPayers.openid(t.appid(), payer);
              if (!transactions.pay(
                  t.id(), WxIds.transactionId(now), paidOpenid, payer.id(), now)) {
                throw SandboxProblem.conflict("ORDER_PAID", "The order is paid already.");
              }
              Transaction paid = transactions.byOutTradeNo(mchid, outTradeNo).orElseThrow();
              notifications.queue(
                  merchant,
                  new WxNotifications.Event(
                      "TRANSACTION.SUCCESS",
                      "支付成功",
                      "transaction",
                      outTradeNo,
                      null,
                      paid.notifyUrl(),
                      TransactionJson.of(paid)));
              return paid;
            });
  }

  /** The fingerprint of a prepay's parameters (a repeat must match it). */
  static String fingerprint(Map<String, Object> parts) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(parts.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
