package io.paygate.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The PayGate service: merchant API, Alipay callbacks, pages and jobs. */
@SpringBootApplication
public class PayGateApplication {

  public static void main(String[] args) {
    SpringApplication.run(PayGateApplication.class, args);
  }
}
