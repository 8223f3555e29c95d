package org.openchakra.team;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.openchakra.apikey.ApiKey;

/**
 * The bodies and answers of the team endpoints as the OpenAPI document shows them ({@code ApiOperation});
 * {@link TeamAdminController} reads the bodies with JsonFields, and {@link Team#view()} is the team answer.
 */
final class TeamSchemas {

    private TeamSchemas() {}

    record NewTeam(
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "Acme Sales")
            String name,

            @Schema(
                    requiredMode = RequiredMode.REQUIRED,
                    description = "2-63 lower-case letters, digits or -; unique, fixed at creation.",
                    example = "acme")
            String shortName,

            @Schema(description = "An offset such as +0530 or an IANA zone; default UTC.", example = "+0530")
            String timezone,

            @Schema(description = "1-4 digits; default 91.", example = "91")
            String defaultCountryCode,

            @Schema(description = "The first admin user; default username admin.")
            NewAdminUser admin) {}

    record NewAdminUser(String username, String email) {}

    @Schema(description = "The new team with its admin user and its admin API key, whose token is shown only here.")
    record CreatedTeam(Team.View team, UUID adminUser, ApiKey.View apiKey, ApiKey.AccessToken.View token) {}

    @Schema(description = "A partial change; the shortName is fixed at creation.")
    record TeamChange(
            String name,
            String timezone,
            String defaultCountryCode,
            RateLimitChange rateLimit,

            @Schema(description = "Whether a customer's message re-opens their latest closed chat.")
            Boolean reopenClosedChats,

            @Schema(description = "Whether free-form messages outside the 24-hour window are refused locally.")
            Boolean enforceCustomerServiceWindow) {}

    record RateLimitChange(Integer requestsPerSecond, Integer burst) {}

    @Schema(description = "16-256 characters; leave it out (or send no body) for a new random one.")
    record WebhookSecretChange(String secret) {}

    record WebhookSecretState(boolean isSet) {}

    record WebhookSecretSet(
            boolean isSet,

            @Schema(description = "The generated secret, shown only in this answer; null when the caller gave one.")
            @Nullable
            String secret) {}
}
