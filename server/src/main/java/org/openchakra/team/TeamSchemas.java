package org.openchakra.team;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The bodies and answers of the team endpoints as the OpenAPI document shows them ({@code ApiOperation});
 * {@link TeamService} reads the bodies with JsonFields, and {@link Team#view()} is the team answer.
 */
final class TeamSchemas {

    private TeamSchemas() {}

    @Schema(description = "A partial change; the shortName is fixed at creation.")
    record TeamChange(
            String name,
            String timezone,
            String defaultCountryCode,
            RateLimitChange rateLimit,

            @Schema(description = "Whether a customer's message re-opens their latest closed chat.")
            Boolean reopenClosedChats,

            @Schema(description = "Whether free-form messages outside the 24-hour window are refused locally.")
            Boolean enforceCustomerServiceWindow,

            @Schema(
                    description = "An inbound text that is one of these (any case) opts the number out; [] for none."
                            + " At most 20 of at most 50 characters.")
            List<String> optOutKeywords,

            @Schema(description = "An inbound text that is one of these (any case) opts the number back in.")
            List<String> optInKeywords,

            @Schema(description = "Whether MARKETING template sends to an opted-out number are refused (OPTED_OUT).")
            Boolean optOutBlocksMarketing) {}

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
