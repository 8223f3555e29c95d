package org.openchakra.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.Reply;
import org.openchakra.support.ServerProcess;
import org.springframework.beans.factory.annotation.Autowired;

/** The per-key token bucket (README §7): headers on every answer, 429 with Retry-After when empty. */
class RateLimitTest extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void aKeyOverItsLimitGets429WithHeadersWhileOtherKeysGoOn() {
        TestTeam team = newTeam();
        String limited = newKey(team, "manager");
        // Slow refill, small bucket: the fourth quick call must be refused.
        assertThat(api().put(
                                "/v1/admin/team",
                                team.adminToken(),
                                Map.of("rateLimit", Map.of("requestsPerSecond", 1, "burst", 3)))
                        .status())
                .isEqualTo(200);

        Reply first = api().get("/v1/ext/users", limited);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("X-RateLimit-Limit")).isEqualTo("3");
        assertThat(first.header("X-RateLimit-Remaining")).isEqualTo("2");
        assertThat(first.header("X-RateLimit-Reset")).isNotNull();
        api().get("/v1/ext/users", limited);
        api().get("/v1/ext/users", limited);
        Reply refused = api().get("/v1/ext/users", limited);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.firstError()).isEqualTo("Rate limit exceeded, retry after 1 s");
        assertThat(refused.json().path("_errorDetails").path(0).path("code").asString())
                .isEqualTo("RATE_LIMITED");

        // The bucket is per key: the team's admin key still has its own.
        assertThat(api().get("/v1/ext/users", team.adminToken()).status()).isEqualTo(200);
    }

    /** A second server process on the same database draws from the same bucket. */
    @Test
    void theLimitHoldsAcrossServerInstances() throws Exception {
        TestTeam team = newTeam();
        String key = newKey(team, "manager");
        api().put("/v1/admin/team", team.adminToken(), Map.of("rateLimit", Map.of("requestsPerSecond", 1, "burst", 4)));
        String jdbcUrl = ((HikariDataSource) dataSource).getJdbcUrl();
        Path dataDir = Files.createDirectories(Path.of("target", "test-data")).resolve("second-" + System.nanoTime());
        try (ServerProcess second = new ServerProcess(
                dataDir,
                Map.of(
                        "OPENCHAKRA_DATABASE_URL",
                        jdbcUrl,
                        "OPENCHAKRA_DATABASE_USER",
                        "postgres",
                        "OPENCHAKRA_DATABASE_PASSWORD",
                        Files.readString(DATA_DIR.resolve("postgres.password")).trim()))) {
            second.start();
            int allowed = 0;
            for (int i = 0; i < 4; i++) {
                allowed += api().get("/v1/health", key).status() == 200 ? 1 : 0;
                allowed += second.api().get("/v1/health", key).status() == 200 ? 1 : 0;
            }
            // Eight quick calls over two instances against a bucket of four (plus at most a refill or two).
            assertThat(allowed).isBetween(4, 6);
            assertThat(second.api().get("/v1/health", key).status()).isEqualTo(429);
        }
    }

    @Test
    void raisingTheLimitTakesEffectAtOnce() {
        TestTeam team = newTeam();
        String key = newKey(team, "manager");
        api().put("/v1/admin/team", team.adminToken(), Map.of("rateLimit", Map.of("requestsPerSecond", 1, "burst", 1)));
        api().get("/v1/health", key);
        assertThat(api().get("/v1/health", key).status()).isEqualTo(429);

        api().put(
                        "/v1/admin/team",
                        team.adminToken(),
                        Map.of("rateLimit", Map.of("requestsPerSecond", 100, "burst", 50)));
        Reply after = api().get("/v1/health", key);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.header("X-RateLimit-Limit")).isEqualTo("50");
    }

    /** A client that opens with parallel calls on a brand-new key must not see errors. */
    @Test
    void concurrentFirstCallsOfANewKeyAllSucceed() throws Exception {
        TestTeam team = newTeam();
        String key = newKey(team, "manager");
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var calls = java.util.stream.IntStream.range(0, 12)
                    .mapToObj(
                            i -> pool.submit(() -> api().get("/v1/health", key).status()))
                    .toList();
            for (var call : calls) {
                assertThat(call.get()).isEqualTo(200);
            }
        }
    }
}
