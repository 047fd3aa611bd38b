package io.paygate.server.database;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The JDBC repositories keep the repository contract on H2, the default database. */
class H2RepositoriesTest extends JdbcRepositoriesContract {

  @Override
  protected DataSource freshDatabase() {
    JdbcDataSource database = new JdbcDataSource();
    database.setURL("jdbc:h2:mem:repositories-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    database.setUser("sa");
    return database;
  }
}
