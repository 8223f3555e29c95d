package org.openchakra.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * Data directories made before the embedded database had a password (zonky's trust) are locked on their
 * next start; so is one whose password file was deleted, with a new password.
 */
class EmbeddedPasswordUpgradeTest {

    @Test
    void aTrustingDataDirectoryGetsAPasswordOnItsNextStart() throws Exception {
        Path dataDir = Files.createDirectories(Path.of("target", "test-data"))
                .resolve("legacy-" + System.nanoTime())
                .toAbsolutePath();
        // What earlier versions left behind: zonky's defaults, initdb -A trust, no password file.
        try (EmbeddedPostgres legacy = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .start()) {
            try (Connection c = DriverManager.getConnection(url(legacy.getPort()), "postgres", null)) {
                c.createStatement().execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('data')");
            }
        }
        assertThat(PgHba.requiresPassword(dataDir.resolve("postgres"))).isFalse();

        String first = assertLocked(dataDir);

        // A deleted password file is replaced, and the database follows the new one.
        Files.delete(dataDir.resolve("postgres.password"));
        String second = assertLocked(dataDir);
        assertThat(second).isNotEqualTo(first);
    }

    /** Leases the data dir, checks that only the file's password gets in (and the data is kept); answers it. */
    private static String assertLocked(Path dataDir) throws Exception {
        try (EmbeddedPostgresServer.Lease lease = EmbeddedPostgresServer.lease(dataDir, false)) {
            String url = lease.jdbcUrl().replaceFirst("\\?.*", "");
            String password =
                    Files.readString(dataDir.resolve("postgres.password")).trim();
            assertThat(lease.password()).isEqualTo(password);
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", null))
                    .isInstanceOf(SQLException.class);
            try (Connection c = DriverManager.getConnection(url, "postgres", password)) {
                var rows = c.createStatement().executeQuery("SELECT v FROM kept");
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("data");
            }
            assertThat(PgHba.requiresPassword(dataDir.resolve("postgres"))).isTrue();
            return password;
        }
    }

    private static String url(int port) {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }
}
