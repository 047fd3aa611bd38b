package io.paygate.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class JsonLoggingTest {

  @Test
  void paygateLoggingJsonTurnsOnBootsStructuredLogging() {
    StandardEnvironment environment = environment(Map.of("paygate.logging.json", "true"));

    new JsonLogging().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
    assertThat(environment.getProperty("logging.structured.format.file")).isEqualTo("ecs");
  }

  @Test
  void offByDefaultAndAnExplicitFormatWins() {
    StandardEnvironment plain = environment(Map.of());
    new JsonLogging().postProcessEnvironment(plain, new SpringApplication());
    assertThat(plain.getProperty("logging.structured.format.console")).isNull();

    StandardEnvironment chosen =
        environment(
            Map.of(
                "paygate.logging.json", "true", "logging.structured.format.console", "logstash"));
    new JsonLogging().postProcessEnvironment(chosen, new SpringApplication());
    assertThat(chosen.getProperty("logging.structured.format.console")).isEqualTo("logstash");
  }

  private static StandardEnvironment environment(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    return environment;
  }
}
