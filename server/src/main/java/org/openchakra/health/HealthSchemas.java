package org.openchakra.health;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** {@code GET /v1/health} as the OpenAPI document shows it. */
final class HealthSchemas {

    private HealthSchemas() {}

    @Schema(description = "The server is up and the token is valid; who the token belongs to.")
    record Health(
            @Schema(example = "OK") String status,
            String version,

            @Schema(description = "The server's clock, epoch milliseconds.")
            long time,

            @Schema(description = "Null for the operator token.") @Nullable
            UUID team,

            @Nullable String teamShortName,
            @Nullable UUID apiKey,
            boolean operator) {}
}
