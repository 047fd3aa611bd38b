package io.paygate.server.logging;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code paygate.logging.json=true} turns on Boot's structured logging (Elastic Common Schema) for
 * the console and the log file. Done before the logging system starts, which reads only {@code
 * logging.*}; an explicit {@code logging.structured.format.*} still wins.
 */
public class JsonLogging implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (Boolean.parseBoolean(environment.getProperty("paygate.logging.json", "false").trim())) {
      environment
          .getPropertySources()
          .addLast(
              new MapPropertySource(
                  "paygate-json-logging",
                  Map.of(
                      "logging.structured.format.console", "ecs",
                      "logging.structured.format.file", "ecs")));
    }
  }
}
