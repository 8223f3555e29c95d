package org.openchakra.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.ServerProcess;
import org.springframework.beans.factory.annotation.Autowired;

/** The startup message points only at files that exist. */
class StartupBannerTest extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    /** A second server on a database whose first start happened elsewhere has no initial-admin-token. */
    @Test
    void aServerWithoutTheTokenFileDoesNotPointAtIt() throws Exception {
        Path dataDir = Files.createDirectories(Path.of("target", "test-data")).resolve("banner-" + System.nanoTime());
        try (ServerProcess second = new ServerProcess(
                dataDir,
                Map.of(
                        "OPENCHAKRA_DATABASE_URL", ((HikariDataSource) dataSource).getJdbcUrl(),
                        "OPENCHAKRA_DATABASE_USER", "postgres",
                        "OPENCHAKRA_DATABASE_PASSWORD",
                                Files.readString(DATA_DIR.resolve("postgres.password"))
                                        .trim()))) {
            second.start();
            assertThat(dataDir.resolve("initial-admin-token")).doesNotExist();
            // The message comes from an ApplicationRunner, which may still be running when health answers.
            await().atMost(Duration.ofSeconds(60)).until(() -> second.log().contains("Health       :"));
            assertThat(second.log()).contains("OpenChakra is up.").doesNotContain("Admin token");
        }
    }
}
