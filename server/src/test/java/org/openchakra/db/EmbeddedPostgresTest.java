package org.openchakra.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded PostgreSQL as the application sees it: durable commits, and only with the password. */
class EmbeddedPostgresTest extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    /** zonky starts the postmaster with -F (fsync off); a committed message must survive a power loss. */
    @Test
    void commitsAreDurable() {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        assertThat(jdbc.sql("SHOW fsync").query(String.class).single()).isEqualTo("on");
        assertThat(jdbc.sql("SHOW synchronous_commit").query(String.class).single())
                .isEqualTo("on");
    }

    /**
     * An idle embedded database is left alone (issue 15): a checkpoint every 15 min, and no keepalive round trips
     * on the pool's idle connections to it.
     */
    @Test
    void anIdleDatabaseIsLeftAlone() {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        assertThat(jdbc.sql("SHOW checkpoint_timeout").query(String.class).single())
                .isEqualTo("15min");
        assertThat(((HikariDataSource) dataSource).getKeepaliveTime()).isZero();
    }

    /** zonky's initdb trusts every local connection; ours asks for the password in the data dir. */
    @Test
    void connectingNeedsThePasswordFromTheDataDirectory() throws Exception {
        String url = ((HikariDataSource) dataSource).getJdbcUrl().replaceFirst("\\?.*", "");
        Path passwordFile = DATA_DIR.resolve("postgres.password");
        assertThat(Files.getPosixFilePermissions(passwordFile))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        String password = Files.readString(passwordFile).trim();
        assertThat(password).hasSizeGreaterThanOrEqualTo(43);

        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", null))
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "wrong"))
                .isInstanceOf(SQLException.class);
        try (Connection connection = DriverManager.getConnection(url, "postgres", password)) {
            assertThat(connection.isValid(5)).isTrue();
        }
    }
}
