package org.openchakra.webhook;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The delivery log (webhooks.md §2.4) as the OpenAPI document shows it. */
final class WebhookSchemas {

    private WebhookSchemas() {}

    @Schema(name = "WebhookDelivery")
    record Delivery(
            UUID id,

            @Schema(description = "The same on every attempt: receivers dedupe on it (X-Chakra-Event-Id).")
            UUID eventId,

            @Schema(description = "The event's name, e.g. message or status.") @Nullable
            String event,

            @Schema(description = "Which forwarding: the pass-through or the Chakra webhook.")
            String kind,

            @Nullable UUID pluginId,
            String url,

            @Schema(allowableValues = {"PENDING", "DELIVERED", "FAILED_RETRYING", "EXPIRED"})
            String status,

            int attempts,
            @Nullable Long lastAttemptAt,

            @Schema(description = "Null once delivered or expired.") @Nullable
            Long nextAttemptAt,

            @Nullable Integer lastResponseStatus,
            @Nullable String lastError,
            long createdAt) {}

    record DeliveryPage(int skip, int limit, boolean hasMore) {}
}
