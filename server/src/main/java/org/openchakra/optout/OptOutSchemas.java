package org.openchakra.optout;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** The opt-out list (campaigns.md §4) as the OpenAPI document shows it ({@code ApiOperation}). */
final class OptOutSchemas {

    private OptOutSchemas() {}

    @Schema(name = "OptOut", description = "A number that asked not to get marketing messages.")
    record OptOutAnswer(
            String phoneNumber,
            @Nullable String reason,

            @Schema(allowableValues = {"API", "KEYWORD", "INBOX"})
            String source,

            long createdAt) {}

    record OptOutReason(String reason) {}

    record OptedIn(String phoneNumber, boolean optedOut) {}

    @Schema(name = "OptOutPage")
    record Page(long total, boolean hasMore) {}
}
