package org.openchakra.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of the HTTP integration tests: one server and one embedded PostgreSQL for the whole test
 * JVM (the Spring context is cached and shared). Tests isolate themselves by making their own teams.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    public static final String OPERATOR_TOKEN = "test-operator-token-0123456789abcdef";
    /** Per test JVM, so that two test runs on one machine never share a data directory. */
    public static final Path DATA_DIR =
            Path.of("target", "test-data", "jvm-" + ProcessHandle.current().pid());

    private static final AtomicInteger TEAMS = new AtomicInteger();
    /** Browser origins the test server allows (README §2): one origin and one pattern. */
    public static final String CORS_ORIGINS = "https://app.example.test, https://*.partner.example.test";
    /** The server's wait for one Graph API answer in tests ({@code openchakra.whatsapp.meta-timeout}). */
    public static final Duration META_TIMEOUT = Duration.ofSeconds(3);

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void serverProperties(DynamicPropertyRegistry registry) {
        registry.add("openchakra.data-dir", DATA_DIR::toString);
        registry.add("openchakra.operator-token", () -> OPERATOR_TOKEN);
        // Test receivers listen on loopback, and retries must come within a test's patience.
        registry.add("openchakra.webhooks.allow-private-urls", () -> "true");
        registry.add("openchakra.webhooks.first-retry", () -> "200ms");
        registry.add("openchakra.webhooks.max-backoff", () -> "1s");
        registry.add("openchakra.webhooks.poll-interval", () -> "100ms");
        // Short enough that a test of a silent Meta (504) waits little, long enough for a loaded machine.
        registry.add("openchakra.whatsapp.meta-timeout", () -> META_TIMEOUT.toMillis() + "ms");
        registry.add("openchakra.cors.allowed-origins", () -> CORS_ORIGINS);
    }

    /** Every answer a test receives is checked against the OpenAPI document, fetched here once, before any test. */
    @BeforeEach
    protected final void loadTheOpenApiDocument() {
        OpenApiConformance.load("http://localhost:" + port);
    }

    protected ApiClient api() {
        return new ApiClient("http://localhost:" + port);
    }

    /** A team made through the operator API, with its admin token. */
    public record TestTeam(UUID id, String shortName, String adminToken, UUID adminUserId) {}

    protected TestTeam newTeam() {
        String shortName = "t-" + TEAMS.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Reply reply = api().post(
                        "/v1/admin/teams",
                        OPERATOR_TOKEN,
                        Map.of(
                                "name",
                                "Team " + shortName,
                                "shortName",
                                shortName,
                                "timezone",
                                "+0530",
                                "defaultCountryCode",
                                "91"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return new TestTeam(
                UUID.fromString(reply.data().path("team").path("id").asString()),
                shortName,
                reply.data().path("token").path("token").asString(),
                UUID.fromString(reply.data().path("adminUser").asString()));
    }

    /** A new API key of {@code team} with the given role (shortId); answers its token. */
    protected String newKey(TestTeam team, String role) {
        Reply reply = api().post("/v1/admin/api-keys", team.adminToken(), Map.of("name", role + " key", "role", role));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.data().path("token").path("token").asString();
    }
}
