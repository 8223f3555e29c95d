package org.openchakra.web;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Browsers that may call the API (README §2): {@code OPENCHAKRA_CORS_ALLOWED_ORIGINS}, comma-separated origins
 * such as {@code https://app.example.com} (or patterns such as {@code https://*.example.com}, or {@code *});
 * none by default, so no cross-origin reads until an operator allows an origin. {@code maxAge}: how long a
 * browser may keep a preflight's answer.
 */
@ConfigurationProperties(prefix = "openchakra.cors")
record CorsProperties(List<String> allowedOrigins, Duration maxAge) {

    CorsProperties {
        allowedOrigins = allowedOrigins == null
                ? List.of()
                : allowedOrigins.stream()
                        .map(String::strip)
                        .filter(o -> !o.isEmpty())
                        .toList();
        maxAge = maxAge == null ? Duration.ofHours(2) : maxAge;
    }
}
