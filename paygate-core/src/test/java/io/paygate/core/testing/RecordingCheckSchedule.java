package io.paygate.core.testing;

import io.paygate.core.checks.CheckSchedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers the earliest planned check per payment and per refund, as the port's contract says (an
 * earlier plan stays), and every request in order.
 */
public final class RecordingCheckSchedule implements CheckSchedule {

  /** One request to plan a check; outRequestNo is null for payments. */
  public record Planned(String outTradeNo, String outRequestNo, Instant at) {}

  private final Map<String, Instant> paymentChecks = new HashMap<>();
  private final Map<List<String>, Instant> refundChecks = new HashMap<>();
  private final Map<String, Instant> cancelResends = new HashMap<>();
  private final List<Planned> requests = new ArrayList<>();

  @Override
  public void checkPayment(String outTradeNo, Instant at) {
    requests.add(new Planned(outTradeNo, null, at));
    paymentChecks.merge(outTradeNo, at, RecordingCheckSchedule::earliest);
  }

  @Override
  public void checkRefund(String outTradeNo, String outRequestNo, Instant at) {
    requests.add(new Planned(outTradeNo, outRequestNo, at));
    refundChecks.merge(List.of(outTradeNo, outRequestNo), at, RecordingCheckSchedule::earliest);
  }

  @Override
  public void moveRefund(String outTradeNo, String outRequestNo, Instant at) {
    requests.add(new Planned(outTradeNo, outRequestNo, at));
    refundChecks.put(List.of(outTradeNo, outRequestNo), at);
  }

  @Override
  public void forgetRefund(String outTradeNo, String outRequestNo) {
    refundChecks.remove(List.of(outTradeNo, outRequestNo));
  }

  @Override
  public void resendCancel(String outTradeNo, Instant at) {
    cancelResends.merge(outTradeNo, at, RecordingCheckSchedule::earliest);
  }

  @Override
  public void forgetCancel(String outTradeNo) {
    cancelResends.remove(outTradeNo);
  }

  /** The earliest planned re-send of the payment's unanswered cancel, if any. */
  public Optional<Instant> cancelResend(String outTradeNo) {
    return Optional.ofNullable(cancelResends.get(outTradeNo));
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** The earliest planned check of the payment, if any. */
  public Optional<Instant> paymentCheck(String outTradeNo) {
    return Optional.ofNullable(paymentChecks.get(outTradeNo));
  }

  /** The earliest planned check of the refund, if any. */
  public Optional<Instant> refundCheck(String outTradeNo, String outRequestNo) {
    return Optional.ofNullable(refundChecks.get(List.of(outTradeNo, outRequestNo)));
  }

  public List<Planned> requests() {
    return List.copyOf(requests);
  }

  /** Forgets what was planned, so a test can look at what one step plans. */
  public void clear() {
    paymentChecks.clear();
    refundChecks.clear();
    cancelResends.clear();
    requests.clear();
  }
}
