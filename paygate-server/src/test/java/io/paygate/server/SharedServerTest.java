package io.paygate.server;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one server that HTTP tests needing nothing special share: same properties, same database, so
 * Spring's context cache starts it once for all of them. A subclass declares no properties, imports
 * and annotations of its own that change the context, and makes each test independent of the others
 * in the database: its own order numbers, buyers, operators and keys, assertions on its own objects
 * or on deltas, and no sandbox fault or clock change left behind (the webhook endpoints a test adds
 * are deleted here after it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
public abstract class SharedServerTest extends ServerTestSupport {

  @DynamicPropertySource
  static void sharedServer(DynamicPropertyRegistry registry) {
    serverProperties(registry, "shared");
  }

  /** The shared server's webhook endpoints before a test: those it adds are deleted after it. */
  private Set<String> endpointsBefore;

  @BeforeEach
  void rememberTheEndpoints() {
    endpointsBefore = endpointIds();
  }

  @AfterEach
  void deleteTheEndpointsThisTestMade() {
    for (String id : endpointIds()) {
      if (!endpointsBefore.contains(id)) {
        api("DELETE", "/api/v1/webhook-endpoints/" + id, null);
      }
    }
  }

  private Set<String> endpointIds() {
    Set<String> ids = new HashSet<>();
    api("GET", "/api/v1/webhook-endpoints", null)
        .json()
        .forEach(e -> ids.add(e.get("id").asString()));
    return ids;
  }
}
