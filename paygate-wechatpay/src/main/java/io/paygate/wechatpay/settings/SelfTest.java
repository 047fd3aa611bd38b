package io.paygate.wechatpay.settings;

import java.util.List;

/** What the start-up self-test found. */
public sealed interface SelfTest {

  /** The keys are right: WeChat Pay took our signature and we verified its answer. */
  record Passed() implements SelfTest {}

  /** Something named is wrong; PayGate should not serve this merchant. */
  record Failed(List<String> problems) implements SelfTest {
    public Failed {
      problems = List.copyOf(problems);
    }
  }

  /** The plain checks passed but WeChat Pay did not answer: the keys are not proven yet. */
  record Unreachable(String reason) implements SelfTest {}
}
