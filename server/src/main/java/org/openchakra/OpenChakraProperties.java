package org.openchakra;

import java.nio.file.Path;
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
        RateLimit rateLimit) {

    public record Database(String url, String user, String password, int poolSize) {
        public boolean isExternal() {
            return url != null && !url.isBlank();
        }
    }

    /** Defaults for new teams; each team can change its own through the admin API. */
    public record RateLimit(int requestsPerSecond, int burst) {
    }

    public boolean hasOperatorToken() {
        return operatorToken != null && !operatorToken.isBlank();
    }
}
