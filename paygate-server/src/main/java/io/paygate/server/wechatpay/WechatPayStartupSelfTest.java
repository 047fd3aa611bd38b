package io.paygate.server.wechatpay;

import io.paygate.wechatpay.WechatPaySelfTest;
import io.paygate.wechatpay.settings.SelfTest;
import io.paygate.wechatpay.settings.WechatPaySettings;
import io.paygate.wechatpay.settings.WechatPaySettingsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * The signed self-test call ({@link WechatPaySelfTest}), once per start: after the web server opens
 * its port, because the embedded offline WeChat Pay answers on it, and before the application is
 * ready (readiness follows the context's start), so no buyer is sent to a merchant whose keys
 * WeChat Pay refuses. A failure stops the start; WeChat Pay not answering is logged and does not,
 * since an outage there should not keep Alipay down.
 */
public class WechatPayStartupSelfTest implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WechatPayStartupSelfTest.class);

  private final WechatPaySettings settings;
  private volatile SelfTest result;

  WechatPayStartupSelfTest(WechatPaySettings settings) {
    this.settings = settings;
  }

  @Override
  public void start() {
    SelfTest outcome = WechatPaySelfTest.run(settings);
    result = outcome;
    // Java 17: no patterns in switch.
    if (outcome instanceof SelfTest.Failed failed) {
      throw new WechatPaySettingsException(String.join("; ", failed.problems()));
    }
    if (outcome instanceof SelfTest.Unreachable unreachable) {
      log.warn(
          "WeChat Pay self-test for merchant {} not proven: {}",
          settings.mchid(),
          unreachable.reason());
    } else {
      log.info("WeChat Pay self-test passed for merchant {}", settings.mchid());
    }
  }

  /** What the start-up self-test found, null before it ran. */
  public SelfTest result() {
    return result;
  }

  @Override
  public void stop() {}

  @Override
  public boolean isRunning() {
    return result != null;
  }

  @Override
  public int getPhase() {
    // Just after the web server's start (START_STOP_LIFECYCLE_PHASE), well before the default.
    return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE + 1;
  }
}
