package io.paygate.alipay.gateway;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayObject;
import com.alipay.api.AlipayRequest;
import com.alipay.api.AlipayResponse;
import java.time.Instant;

/**
 * One outbound call as an ordered pipeline: serialise the biz content (for the record), send
 * through the SDK (which signs, posts and verifies the answer), classify the answer ({@link
 * Classified}), map it to a port outcome ({@link AnswerMapping}, one per API), record the exchange.
 * Never throws for what the gateway or the network does.
 */
public final class GatewayCalls {

  private final AlipayClient client;
  private final ExchangeRecorder recorder;

  public GatewayCalls(AlipayClient client, ExchangeRecorder recorder) {
    this.client = client;
    this.recorder = recorder;
  }

  /**
   * @param operation the port method's name, stored with the exchange
   * @param mapping the API's outcome per classified answer, and its word for the record
   */
  public <T extends AlipayResponse, R> R call(
      String operation, String outTradeNo, AlipayRequest<T> request, AnswerMapping<T, R> mapping) {
    Instant at = recorder.now();
    long started = System.nanoTime();
    GatewayAnswer<T> answer = send(request);
    long millis = (System.nanoTime() - started) / 1_000_000;
    R outcome = mapping.map(Classified.of(answer, mapping::isNotFound));
    recorder.outbound(
        at,
        operation,
        outTradeNo,
        bizContent(request.getBizModel()),
        responseText(answer),
        mapping.word(outcome),
        millis);
    return outcome;
  }

  /** The biz_content exactly as the SDK serialises it onto the wire. */
  public static String bizContent(AlipayObject model) {
    return SdkInternals.bizContent(model);
  }

  private <T extends AlipayResponse> GatewayAnswer<T> send(AlipayRequest<T> request) {
    try {
      T response = client.execute(request);
      if (!response.isSuccess() && !SdkInternals.carriesSign(request, response.getBody())) {
        // The SDK checks a signature only on success; an unsigned refusal could come from anyone.
        return new GatewayAnswer.NoAnswer<>(
            "unsigned error answer: " + ResponseCodes.describe(response));
      }
      return new GatewayAnswer.Answered<>(response);
    } catch (AlipayApiException e) {
      return new GatewayAnswer.NoAnswer<>(reason(e));
    } catch (RuntimeException e) {
      // The SDK's JSON parser and HTTP client throw unchecked exceptions of their own.
      return new GatewayAnswer.NoAnswer<>(reason(e));
    }
  }

  private static String reason(Exception e) {
    StringBuilder text = new StringBuilder(e.getClass().getSimpleName());
    if (e.getMessage() != null) {
      text.append(": ").append(e.getMessage());
    }
    Throwable cause = e.getCause();
    if (cause != null && cause != e) {
      text.append(" (").append(cause.getClass().getSimpleName());
      if (cause.getMessage() != null) {
        text.append(": ").append(cause.getMessage());
      }
      text.append(')');
    }
    String reason = Redaction.redact(text.toString());
    return reason.length() > 500 ? reason.substring(0, 500) + "…" : reason;
  }

  private static String responseText(GatewayAnswer<?> answer) {
    if (answer instanceof GatewayAnswer.Answered<?> answered) {
      return answered.response().getBody();
    }
    return "(no answer) " + ((GatewayAnswer.NoAnswer<?>) answer).reason();
  }
}
