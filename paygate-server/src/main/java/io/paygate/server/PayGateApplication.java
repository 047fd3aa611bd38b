package io.paygate.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The PayGate service: merchant API, Alipay callbacks, pages and jobs. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PayGateApplication {

  public static void main(String[] args) {
    SpringApplication.run(PayGateApplication.class, args);
  }
}
