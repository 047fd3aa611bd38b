package io.paygate.sandbox.buyers;

import io.paygate.sandbox.clock.VirtualClock;
import io.paygate.sandbox.problems.SandboxProblem;
import io.paygate.sandbox.wire.Ids;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** Sandbox buyer accounts; one default buyer exists from the first start. */
@Service
public class SandboxBuyers {

  public static final String DEFAULT_LOGON_ID = "buyer@sandbox.paygate";
  public static final String DEFAULT_PAY_PASSWORD = "111111";
  public static final BigDecimal DEFAULT_BALANCE = new BigDecimal("1000000.00");

  private final BuyerRepository buyers;
  private final VirtualClock clock;

  public SandboxBuyers(BuyerRepository buyers, VirtualClock clock) {
    this.buyers = buyers;
    this.clock = clock;
    if (buyers.find(DEFAULT_LOGON_ID).isEmpty()) {
      create(DEFAULT_LOGON_ID, DEFAULT_PAY_PASSWORD, DEFAULT_BALANCE);
    }
    buyers.withoutAuthCode().forEach(logonId -> buyers.setAuthCode(logonId, newAuthCode()));
  }

  /** A barcode payment code as Alipay's app shows it: 18 digits starting 28. */
  static String newAuthCode() {
    return "28" + Ids.digits(16);
  }

  public Optional<Buyer> byAuthCode(String authCode) {
    return buyers.findByAuthCode(authCode);
  }

  public List<Buyer> all() {
    return buyers.findAll();
  }

  public Optional<Buyer> find(String logonId) {
    return buyers.find(logonId);
  }

  public Buyer create(String logonId, String payPassword, BigDecimal balance) {
    if (logonId.length() > 100) {
      throw SandboxProblem.badRequest(
          "INVALID_LOGON_ID", "logon_id is at most 100 characters.", "logon_id");
    }
    if (payPassword.length() > 64) {
      throw SandboxProblem.badRequest(
          "INVALID_PAY_PASSWORD", "pay_password is at most 64 characters.", "pay_password");
    }
    Buyer buyer = new Buyer(logonId, Ids.userId(), payPassword, balance, newAuthCode());
    try {
      buyers.insert(buyer, clock.millis());
    } catch (DuplicateKeyException e) {
      throw SandboxProblem.conflict("BUYER_EXISTS", "A buyer with this logon_id already exists.");
    }
    return buyer;
  }

  public boolean passwordWait(String logonId) {
    return buyers.passwordWait(logonId);
  }

  /** Makes the buyer confirm barcode payments with their password, or stop doing so. */
  public Buyer setPasswordWait(String logonId, boolean wait) {
    if (!buyers.setPasswordWait(logonId, wait)) {
      throw SandboxProblem.notFound("BUYER_NOT_FOUND", "No buyer with this logon_id.");
    }
    return buyers.find(logonId).orElseThrow();
  }

  public Buyer setBalance(String logonId, BigDecimal balance) {
    if (!buyers.setBalance(logonId, balance)) {
      throw SandboxProblem.notFound("BUYER_NOT_FOUND", "No buyer with this logon_id.");
    }
    return buyers.find(logonId).orElseThrow();
  }
}
