package io.paygate.sandbox;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The sandbox run alone: {@code java -jar paygate-sandbox-*-exec.jar}. */
@SpringBootApplication
public class SandboxApplication {

  public static void main(String[] args) {
    SpringApplication.run(SandboxApplication.class, args);
  }
}
