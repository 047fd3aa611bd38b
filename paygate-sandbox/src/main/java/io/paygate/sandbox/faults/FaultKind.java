package io.paygate.sandbox.faults;

import java.util.Locale;
import java.util.Optional;

/** Every fault the sandbox can inject, with the scope it belongs to and its wire name. */
public enum FaultKind {
  /** 40004 ACQ.SYSTEM_ERROR; the API does not run. */
  SYSTEM_ERROR(FaultScope.GATEWAY),
  /** 20000 isp.unknow-error (Service Currently Unavailable); the API does not run. */
  UNAVAILABLE(FaultScope.GATEWAY),
  /** The API runs, then the answer is held for {@code hold_seconds} real seconds. */
  TIMEOUT(FaultScope.GATEWAY),
  /**
   * The request never reaches "Alipay": the API does not run; after {@code hold_seconds} real
   * seconds the answer is 20000 isp.unknow-error (a client with a shorter timeout sees none).
   */
  LOST(FaultScope.GATEWAY),
  /**
   * alipay.trade.refund only: a new refund is accepted (fund_change=N) and completes {@code
   * delay_seconds} of virtual time later.
   */
  REFUND_PROCESSING(FaultScope.GATEWAY),
  /** The answer is signed over other bytes: the SDK's signature check fails. */
  BAD_SIGNATURE(FaultScope.GATEWAY),
  /** The notify is never sent; it is recorded as dropped and can be redelivered by hand. */
  DROP(FaultScope.NOTIFY),
  /** Each attempt is sent twice. */
  DUPLICATE(FaultScope.NOTIFY),
  /** The first attempt waits {@code delay_seconds} of virtual time. */
  DELAY(FaultScope.NOTIFY),
  /** The notify is held back until the next notify of the same app has gone out. */
  REORDER(FaultScope.NOTIFY),
  /** Sent with charset=gbk: form encoded in GBK, signed over GBK bytes. */
  GBK(FaultScope.NOTIFY),
  /** The notify's sign is made over other bytes. */
  NOTIFY_BAD_SIGNATURE(FaultScope.NOTIFY);

  private final FaultScope scope;

  FaultKind(FaultScope scope) {
    this.scope = scope;
  }

  public FaultScope scope() {
    return scope;
  }

  /** The name in JSON: {@code system_error}, {@code bad_signature} (both scopes), ... */
  public String wireName() {
    return this == NOTIFY_BAD_SIGNATURE ? "bad_signature" : name().toLowerCase(Locale.ROOT);
  }

  /** The field that holds this kind's seconds in JSON, for the kinds that take any. */
  public Optional<String> secondsField() {
    return switch (this) {
      case TIMEOUT, LOST -> Optional.of("hold_seconds");
      case DELAY, REFUND_PROCESSING -> Optional.of("delay_seconds");
      default -> Optional.empty();
    };
  }

  public static Optional<FaultKind> of(FaultScope scope, String wireName) {
    for (FaultKind kind : values()) {
      if (kind.scope == scope && kind.wireName().equals(wireName)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
