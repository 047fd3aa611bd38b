package io.paygate.alipay.gateway;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayRequest;
import com.alipay.api.AlipayResponse;

/** The pipeline's send steps: the SDK signs, and posts and verifies or renders a form. */
final class SdkSend {

  private final AlipayClient client;
  private final boolean certificateMode;

  SdkSend(AlipayClient client, boolean certificateMode) {
    this.client = client;
    this.certificateMode = certificateMode;
  }

  /** {@code execute}: signed, posted, the answer's signature verified. Never throws. */
  <T extends AlipayResponse> GatewayAnswer<T> verified(AlipayRequest<T> request) {
    try {
      // In certificate mode only certificateExecute checks answers against the certificates.
      T response = certificateMode ? client.certificateExecute(request) : client.execute(request);
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

  /** {@code pageExecute}: signed into an auto-submitting form; nothing is posted. Never throws. */
  FormAnswer form(AlipayRequest<?> request) {
    try {
      return new FormAnswer.Form(client.pageExecute(request).getBody());
    } catch (AlipayApiException | RuntimeException e) {
      return new FormAnswer.NoForm(e);
    }
  }

  /**
   * {@code sdkExecute}: signed into the order string a shop's app hands Alipay's mobile SDK (app
   * pay); nothing is posted. Never throws.
   */
  FormAnswer orderString(AlipayRequest<?> request) {
    try {
      return new FormAnswer.Form(client.sdkExecute(request).getBody());
    } catch (AlipayApiException | RuntimeException e) {
      return new FormAnswer.NoForm(e);
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
}
