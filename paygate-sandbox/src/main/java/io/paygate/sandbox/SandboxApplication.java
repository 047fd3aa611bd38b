package io.paygate.sandbox;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The sandbox run alone: {@code java -jar paygate-sandbox-*-exec.jar}. Not component-scanned by
 * {@link SandboxConfiguration} (it would drag auto-configuration into an embedding server).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(SandboxConfiguration.class)
public class SandboxApplication {

  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(SandboxApplication.class);
    // Standalone defaults live here so no application.properties can clash with the server's.
    app.setDefaultProperties(
        Map.of("spring.application.name", "paygate-sandbox", "server.port", "8080"));
    app.run(args);
  }
}
