package io.paygate.server;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one server that HTTP tests needing nothing special share: same properties, same database, so
 * Spring's context cache starts it once for all of them. A subclass declares no properties, imports
 * and annotations of its own that change the context, and makes each test independent of the others
 * in the database: its own order numbers, buyers, operators and keys, assertions on its own objects
 * or on deltas, and no sandbox fault, webhook endpoint or clock change left behind.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
public abstract class SharedServerTest extends ServerTestSupport {

  @DynamicPropertySource
  static void sharedServer(DynamicPropertyRegistry registry) {
    serverProperties(registry, "shared");
  }
}
