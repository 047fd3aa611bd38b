package io.paygate.sandbox.trades;

import io.paygate.sandbox.apps.App;
import io.paygate.sandbox.apps.SandboxApps;
import io.paygate.sandbox.buyers.Buyer;
import io.paygate.sandbox.buyers.BuyerRepository;
import io.paygate.sandbox.clock.VirtualClock;
import io.paygate.sandbox.database.SandboxDatabase;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The buyer's side of a trade: opening it (scan / login) and paying it from the balance. Each step
 * is one transaction under the trade's row lock; notifies go out after the commit.
 */
@Service
public class Payments {

  private final SandboxDatabase db;
  private final TradeRepository trades;
  private final BuyerRepository buyers;
  private final TradeNotifies tradeNotifies;
  private final SandboxApps apps;
  private final VirtualClock clock;

  public Payments(
      SandboxDatabase db,
      TradeRepository trades,
      BuyerRepository buyers,
      TradeNotifies tradeNotifies,
      SandboxApps apps,
      VirtualClock clock) {
    this.db = db;
    this.trades = trades;
    this.buyers = buyers;
    this.tradeNotifies = tradeNotifies;
    this.apps = apps;
    this.clock = clock;
  }

  /** The buyer scanned the QR code or opened the cashier: the trade now exists. */
  public PayResult open(long orderId, Optional<String> logonId) {
    Optional<Buyer> buyer = Optional.empty();
    if (logonId.isPresent()) {
      buyer = buyers.find(logonId.get());
      if (buyer.isEmpty()) {
        return refused(PayResult.Reason.BUYER_NOT_FOUND, "买家账户不存在 / No such buyer.");
      }
    }
    Optional<Buyer> who = buyer;
    return db.tx().execute(status -> openLocked(orderId, who, clock.now()));
  }

  /** Pays from the buyer's balance; {@code password} empty means "trust the caller". */
  public PayResult pay(long orderId, String logonId, Optional<String> password) {
    Optional<Buyer> buyer = buyers.find(logonId);
    if (buyer.isEmpty()) {
      return refused(PayResult.Reason.BUYER_NOT_FOUND, "买家账户不存在 / No such buyer.");
    }
    return db.tx()
        .execute(
            status -> {
              Instant now = clock.now();
              PayResult opened = openLocked(orderId, buyer, now);
              if (!(opened instanceof PayResult.Opened open)) {
                return opened;
              }
              Trade trade = open.trade();
              if (password.isPresent() && !password.get().equals(buyer.get().payPassword())) {
                return refused(PayResult.Reason.WRONG_PAY_PASSWORD, "支付密码错误 / Wrong pay password.");
              }
              if (!buyers.debit(logonId, trade.totalAmount())) {
                return refused(
                    PayResult.Reason.INSUFFICIENT_BALANCE, "余额不足 / Insufficient balance.");
              }
              trades.apply(trade.id(), TradeTransition.PAY, now);
              Trade paid = trades.byId(trade.id()).orElseThrow();
              tradeNotifies.queue(paid, Optional.empty(), now);
              Optional<String> returnUrl =
                  Optional.ofNullable(paid.returnUrl()).map(u -> returnUrl(paid, now));
              return new PayResult.Paid(paid, returnUrl);
            });
  }

  private String returnUrl(Trade paid, Instant now) {
    App app = apps.find(paid.appId()).orElseThrow();
    return ReturnUrls.of(paid, app, apps.keys(app).alipayPrivateKey(), now);
  }

  /** Inside a transaction: lock, expire if due, open if needed, check state and buyer. */
  private PayResult openLocked(long orderId, Optional<Buyer> buyer, Instant now) {
    Optional<Trade> locked = trades.lock(orderId);
    if (locked.isEmpty()) {
      return refused(PayResult.Reason.ORDER_NOT_FOUND, "订单不存在 / No such order.");
    }
    Trade trade = locked.get();
    if (!trade.opened()) {
      if (!trade.expiresAt().isAfter(now)) {
        return refused(PayResult.Reason.ORDER_EXPIRED, "订单已过期 / The order has expired.");
      }
      trades.apply(trade.id(), TradeTransition.OPEN, now);
      trade = trades.byId(orderId).orElseThrow();
    }
    if (trade.status() == TradeStatus.WAIT_BUYER_PAY && !trade.expiresAt().isAfter(now)) {
      trades.apply(trade.id(), TradeTransition.EXPIRE, now);
      Trade closed = trades.byId(orderId).orElseThrow();
      tradeNotifies.queue(closed, Optional.empty(), now);
      return refused(PayResult.Reason.TRADE_CLOSED, "交易已关闭（超时） / The trade timed out.");
    }
    if (trade.status().paid()) {
      return refused(PayResult.Reason.TRADE_ALREADY_PAID, "交易已支付 / Already paid.");
    }
    if (trade.status() == TradeStatus.TRADE_CLOSED) {
      return refused(PayResult.Reason.TRADE_CLOSED, "交易已关闭 / The trade is closed.");
    }
    if (buyer.isPresent()) {
      if (trade.buyerLogonId() != null && !trade.buyerLogonId().equals(buyer.get().logonId())) {
        return refused(
            PayResult.Reason.TRADE_BUYER_NOT_MATCH, "交易买家不匹配 / Another buyer opened this trade.");
      }
      trades.setBuyer(trade.id(), buyer.get().logonId(), buyer.get().userId());
      trade = trades.byId(orderId).orElseThrow();
    }
    return new PayResult.Opened(trade);
  }

  private static PayResult refused(PayResult.Reason reason, String message) {
    return new PayResult.Refused(reason, message);
  }
}
