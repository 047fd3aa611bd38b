package io.paygate.alipay.gateway;

import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayRequest;
import com.alipay.api.AlipayResponse;
import io.paygate.core.exchanges.ExchangeRecorder;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every outbound exchange through the SDK as one pipeline of ordered steps:
 *
 * <ol>
 *   <li>build the request: the caller, from the SDK's models ({@code TradeRequests}, …), its
 *       biz_content serialised once ({@link SdkInternals#bizContent}): the SDK's serialiser is
 *       reflective and slow, and the same text is sent and recorded;
 *   <li>send: the SDK signs, posts and verifies the answer ({@link SdkSend#verified}), or signs a
 *       cashier form that the buyer's browser will post ({@link SdkSend#form});
 *   <li>classify the answer, once for every API ({@link Classified});
 *   <li>map it to the port's outcome, per API ({@link AnswerMapping});
 *   <li>record the exchange, redacted ({@link ExchangeRecorder}).
 * </ol>
 *
 * Never throws for what the gateway or the network does.
 */
public final class GatewayCalls {

  private final SdkSend send;
  private final ExchangeRecorder recorder;

  public GatewayCalls(AlipayClient client, ExchangeRecorder recorder) {
    this(client, false, recorder);
  }

  /**
   * @param certificateMode whether the app is in public-key certificate mode, whose calls go
   *     through the SDK's certificate client
   */
  public GatewayCalls(AlipayClient client, boolean certificateMode, ExchangeRecorder recorder) {
    this.send = new SdkSend(client, certificateMode);
    this.recorder = recorder;
  }

  /**
   * An API call: send and verify, classify, map, record.
   *
   * @param operation the port method's name, stored with the exchange
   * @param mapping the API's outcome per classified answer, and its word for the record
   */
  public <T extends AlipayResponse, R> R call(
      String operation, String outTradeNo, AlipayRequest<T> request, AnswerMapping<T, R> mapping) {
    return exchange(
        operation,
        outTradeNo,
        request,
        () -> send.verified(request),
        answer -> mapping.map(Classified.of(answer, mapping::isNotFound)),
        mapping::word);
  }

  /**
   * A cashier form: signed, not sent, so there is nothing to classify; its answer is the HTML, or
   * why there is none. Recorded like every call, so an operator can see what the buyer was sent
   * with.
   */
  public FormAnswer form(String operation, String outTradeNo, AlipayRequest<?> request) {
    return exchange(
        operation,
        outTradeNo,
        request,
        () -> send.form(request),
        Function.identity(),
        FormAnswer::word);
  }

  /**
   * An app-pay order string: signed, not sent (the shop's app hands it to Alipay's mobile SDK);
   * recorded like a cashier form.
   */
  public FormAnswer orderString(String operation, String outTradeNo, AlipayRequest<?> request) {
    return exchange(
        operation,
        outTradeNo,
        request,
        () -> send.orderString(request),
        Function.identity(),
        FormAnswer::word);
  }

  private <A extends Answer, R> R exchange(
      String operation,
      String outTradeNo,
      AlipayRequest<?> request,
      Supplier<A> sending,
      Function<A, R> mapping,
      Function<R, String> word) {
    Instant at = recorder.now();
    long started = System.nanoTime();
    A answer = sending.get();
    long millis = (System.nanoTime() - started) / 1_000_000;
    R outcome = mapping.apply(answer);
    recorder.outbound(
        at,
        operation,
        outTradeNo,
        Redaction.redact(SdkInternals.sentBizContent(request)),
        Redaction.redact(answer.recorded()),
        word.apply(outcome),
        millis);
    return outcome;
  }
}
