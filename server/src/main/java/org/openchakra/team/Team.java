package org.openchakra.team;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.openchakra.web.TimeValues;

/**
 * A tenant (platform.md §1). {@code enforceCustomerServiceWindow}: whether free-form WhatsApp messages to a
 * customer who has not written in 24 hours are refused before reaching Meta (whatsapp.md §8). The opt-out
 * settings are campaigns.md §4: the keywords that opt a number out or back in, and whether an opted-out
 * number's MARKETING template sends are refused.
 */
public record Team(
        UUID id,
        String name,
        String shortName,
        String timezone,
        String defaultCountryCode,
        int requestsPerSecond,
        int burst,
        boolean hasWebhookSecret,
        boolean reopenClosedChats,
        boolean enforceCustomerServiceWindow,
        List<String> optOutKeywords,
        List<String> optInKeywords,
        boolean optOutBlocksMarketing,
        Instant createdAt,
        Instant updatedAt) {

    public ZoneId zone() {
        return TimeValues.zone(timezone).orElse(ZoneOffset.UTC);
    }

    public View view() {
        return new View(
                id,
                name,
                shortName,
                timezone,
                defaultCountryCode,
                createdAt.toEpochMilli(),
                updatedAt.toEpochMilli(),
                new RateLimit(requestsPerSecond, burst),
                reopenClosedChats,
                enforceCustomerServiceWindow,
                optOutKeywords,
                optInKeywords,
                optOutBlocksMarketing);
    }

    @Schema(name = "Team")
    public record View(
            UUID id,
            String name,
            String shortName,
            String timezone,
            String defaultCountryCode,
            long createdAt,
            long updatedAt,
            RateLimit rateLimit,
            boolean reopenClosedChats,
            boolean enforceCustomerServiceWindow,
            List<String> optOutKeywords,
            List<String> optInKeywords,
            boolean optOutBlocksMarketing) {}

    public record RateLimit(int requestsPerSecond, int burst) {}
}
