package io.paygate.server;

import io.paygate.server.keys.KeyCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The PayGate service: merchant API, Alipay callbacks, pages and jobs. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PayGateApplication {

  public static void main(String[] args) {
    if (KeyCommand.wanted(args)) {
      System.exit(new KeyCommand(System.out, System.err, System::getenv).run(args));
    }
    SpringApplication.run(PayGateApplication.class, args);
  }
}
