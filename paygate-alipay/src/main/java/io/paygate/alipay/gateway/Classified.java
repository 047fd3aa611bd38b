package io.paygate.alipay.gateway;

import com.alipay.api.AlipayResponse;
import io.paygate.core.channel.ChannelError;
import java.util.function.Predicate;

/**
 * An answer sorted into the cases every Alipay API shares, so that each API only maps its fields
 * per case ({@link AnswerMapping}). Sorted here once, branching on codes only ({@link
 * ResponseCodes}), never on messages.
 */
public sealed interface Classified<T extends AlipayResponse> {

  /** 10000 without a sub_code: the fields may be read (and may still be unreadable). */
  record Success<T extends AlipayResponse>(T response) implements Classified<T> {}

  /** The API's own "no such thing" (ACQ.TRADE_NOT_EXIST for trades, bill_not_exist for bills). */
  record NotFound<T extends AlipayResponse>(ChannelError error, String description)
      implements Classified<T> {}

  /**
   * 10003, Alipay's "in process" (for a barcode payment: waiting for the buyer to confirm): not an
   * error, not done; the outcome must be asked again.
   */
  record InProcess<T extends AlipayResponse>(T response) implements Classified<T> {}

  /** No answer, a system error, or an error without a reason: the outcome must be asked again. */
  record Uncertain<T extends AlipayResponse>(String reason) implements Classified<T> {}

  /** Any other error: Alipay said no, and asking again will not change that. */
  record Refused<T extends AlipayResponse>(ChannelError error, String description)
      implements Classified<T> {}

  /**
   * @param isNotFound the API's not-found answer; checked before the uncertain codes, as the
   *     mappers always have
   */
  static <T extends AlipayResponse> Classified<T> of(
      GatewayAnswer<T> answer, Predicate<T> isNotFound) {
    if (answer instanceof GatewayAnswer.NoAnswer<T> none) {
      return new Uncertain<>(none.reason());
    }
    T response = ((GatewayAnswer.Answered<T>) answer).response();
    if (ResponseCodes.isSuccess(response)) {
      return new Success<>(response);
    }
    if (ResponseCodes.isInProcess(response)) {
      return new InProcess<>(response);
    }
    if (isNotFound.test(response)) {
      return new NotFound<>(ResponseCodes.error(response), ResponseCodes.describe(response));
    }
    if (ResponseCodes.isUncertain(response)) {
      return new Uncertain<>(ResponseCodes.describe(response));
    }
    return new Refused<>(ResponseCodes.error(response), ResponseCodes.describe(response));
  }
}
