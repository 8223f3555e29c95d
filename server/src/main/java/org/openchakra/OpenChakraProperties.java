package org.openchakra;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Every setting of the server. Each is read from an {@code OPENCHAKRA_*} environment variable through
 * Spring's relaxed binding (see application.yaml and the README's configuration table).
 */
@ConfigurationProperties(prefix = "openchakra")
public record OpenChakraProperties(
        Path dataDir,
        Database database,
        String publicBaseUrl,
        String operatorToken,
        String secretKey,
        DataSize maxJsonBody,
        RateLimit rateLimit,
        Jobs jobs) {

    public record Database(String url, String user, String password, int poolSize) {
        public boolean isExternal() {
            return url != null && !url.isBlank();
        }
    }

    /** Defaults for new teams; each team can change its own through the admin API. */
    public record RateLimit(int requestsPerSecond, int burst) {}

    /**
     * Background jobs (db-scheduler): {@code workers} bulk-job slices at once per server, each job split in
     * {@code slicesPerJob} task instances so that other servers can take part, entries claimed
     * {@code batchSize} at a time. An execution whose server died is taken over after {@code missedHeartbeats}
     * beats of {@code heartbeatInterval} (db-scheduler's minimum is 4).
     */
    public record Jobs(
            int workers,
            int slicesPerJob,
            int batchSize,
            int schedulerThreads,
            Duration pollingInterval,
            Duration heartbeatInterval,
            int missedHeartbeats) {}

    public boolean hasOperatorToken() {
        return operatorToken != null && !operatorToken.isBlank();
    }
}
