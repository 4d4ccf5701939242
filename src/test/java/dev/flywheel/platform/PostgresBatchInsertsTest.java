package dev.flywheel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.IntegrationTest;
import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;
import org.springframework.beans.factory.annotation.Autowired;

@Tag("database")
class PostgresBatchInsertsTest extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void postgresConnectionsSendBatchedInsertsAsMultiRowStatements() throws Exception {
        Assumptions.assumeTrue("postgres".equals(System.getProperty("flywheel.test.database")), "needs PostgreSQL");
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.unwrap(BaseConnection.class).getQueryExecutor().isReWriteBatchedInsertsEnabled()).isTrue();
        }
    }
}
