package org.openchakra.whatsapp.plugin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A team's connection to Meta (whatsapp.md §1), without its credentials (see {@link PluginCredentials}).
 * {@code config} holds the webhook settings of webhooks.md §2 as given through update-config.
 */
public record WhatsappPlugin(
        UUID id,
        UUID teamId,
        String name,
        boolean active,
        Mode mode,
        String graphBaseUrl,
        String defaultApiVersion,
        JsonNode config,
        List<Waba> wabas,
        Instant lastSyncedAt,
        Instant createdAt,
        Instant updatedAt) {

    public enum Mode {
        CLOUD_API,
        SANDBOX
    }

    public record Waba(String id, String name, List<PhoneNumber> phoneNumbers) {}

    public record PhoneNumber(
            String id,
            String wabaId,
            String displayPhoneNumber,
            String verifiedName,
            String qualityRating,
            String messagingLimitTier,
            int throughputMps,
            boolean coexistence) {}

    public Optional<PhoneNumber> phoneNumber(String phoneNumberId) {
        return wabas.stream()
                .flatMap(w -> w.phoneNumbers().stream())
                .filter(n -> n.id().equals(phoneNumberId))
                .findFirst();
    }

    public Optional<Waba> waba(String wabaId) {
        return wabas.stream().filter(w -> w.id().equals(wabaId)).findFirst();
    }

    public boolean sandbox() {
        return mode == Mode.SANDBOX;
    }
}
