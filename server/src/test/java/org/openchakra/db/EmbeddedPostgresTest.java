package org.openchakra.db;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded PostgreSQL as the application sees it: durable commits. */
class EmbeddedPostgresTest extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    /** zonky starts the postmaster with -F (fsync off); a committed message must survive a power loss. */
    @Test
    void commitsAreDurable() {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        assertThat(jdbc.sql("SHOW fsync").query(String.class).single()).isEqualTo("on");
        assertThat(jdbc.sql("SHOW synchronous_commit").query(String.class).single()).isEqualTo("on");
    }
}
