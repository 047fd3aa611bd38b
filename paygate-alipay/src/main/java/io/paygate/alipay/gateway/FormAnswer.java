package io.paygate.alipay.gateway;

/**
 * What signing a cashier form produced. Nothing is posted: the SDK signs the request into an
 * auto-submitting HTML form that the buyer's browser posts to Alipay.
 */
public sealed interface FormAnswer extends Answer {

  /** The form for the buyer. Not recorded: the biz content already says what it asks for. */
  record Form(String html) implements FormAnswer {
    @Override
    public String recorded() {
      return null;
    }
  }

  /** The SDK could not sign it (a key problem the start-up check should have caught). */
  record NoForm(Exception cause) implements FormAnswer {
    @Override
    public String recorded() {
      return "(no form) " + cause.getClass().getSimpleName();
    }
  }

  /** The short word stored with the exchange. */
  static String word(FormAnswer form) {
    return form instanceof Form ? "ok" : "unknown";
  }
}
