package io.paygate.server.postgres;

import io.paygate.server.database.CountedStatements;
import io.paygate.server.database.StatementCountScenarios;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The statement counts on PostgreSQL (a context of its own: its data source is counted). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(CountedStatements.Wiring.class)
class PostgresStatementCountTest extends StatementCountScenarios {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    serverProperties(registry, "pg-statements");
    EmbeddedPostgresServer postgres = PostgresTestSupport.POSTGRES;
    registry.add("spring.datasource.url", postgres::jdbcUrl);
    registry.add("spring.datasource.username", postgres::username);
    registry.add("spring.datasource.password", postgres::password);
  }
}
