package io.paygate.server;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Spring application starts at a time in the test JVM: a start sets up Logback for the whole
 * JVM, and two at once (the test classes that run beside the others start their own applications,
 * see junit-platform.properties) can leave one without its logging environment and fail it. The
 * requests and the work of the started applications still run side by side.
 */
public class OneStartAtATime implements SpringApplicationRunListener {

  private static final ReentrantLock STARTING = new ReentrantLock(true);

  private boolean held;

  public OneStartAtATime(SpringApplication application, String[] args) {}

  @Override
  public void starting(ConfigurableBootstrapContext bootstrapContext) {
    STARTING.lock();
    held = true;
  }

  @Override
  public void started(ConfigurableApplicationContext context, Duration timeTaken) {
    release();
  }

  @Override
  public void failed(ConfigurableApplicationContext context, Throwable exception) {
    release();
  }

  private void release() {
    if (held) {
      held = false;
      STARTING.unlock();
    }
  }
}
