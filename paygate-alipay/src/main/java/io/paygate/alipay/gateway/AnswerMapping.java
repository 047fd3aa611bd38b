package io.paygate.alipay.gateway;

import com.alipay.api.AlipayResponse;
import io.paygate.core.channel.ChannelError;

/**
 * One API's part of the pipeline: which answer is its "not found", and its port outcome for each
 * {@link Classified} case. Implementations must not throw: a success whose fields cannot be read is
 * an unknown outcome, not an exception.
 *
 * @param <T> the SDK's response class
 * @param <R> the port outcome
 */
public interface AnswerMapping<T extends AlipayResponse, R> {

  R success(T response);

  R uncertain(String reason);

  R refused(ChannelError error, String description);

  /** The short word stored with the exchange (ok, not-found, refused, unknown, …). */
  String word(R outcome);

  /** By default an API has no not-found answer of its own: ACQ.TRADE_NOT_EXIST is a refusal. */
  default boolean isNotFound(T response) {
    return false;
  }

  /** Reached only for answers {@link #isNotFound} accepts. */
  default R notFound(ChannelError error, String description) {
    return refused(error, description);
  }

  /** By default "in process" is no answer yet: the outcome must be asked again. */
  default R inProcess(T response) {
    return uncertain(ResponseCodes.describe(response));
  }

  /** The outcome for one classified answer. */
  default R map(Classified<T> answer) {
    if (answer instanceof Classified.Success<T> success) {
      return success(success.response());
    }
    if (answer instanceof Classified.InProcess<T> inProcess) {
      return inProcess(inProcess.response());
    }
    if (answer instanceof Classified.NotFound<T> notFound) {
      return notFound(notFound.error(), notFound.description());
    }
    if (answer instanceof Classified.Uncertain<T> uncertain) {
      return uncertain(uncertain.reason());
    }
    Classified.Refused<T> refused = (Classified.Refused<T>) answer;
    return refused(refused.error(), refused.description());
  }
}
