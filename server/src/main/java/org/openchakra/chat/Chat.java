package org.openchakra.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A session with one customer on one sender number (whatsapp.md §6). */
public record Chat(
        UUID id,
        UUID teamId,
        UUID pluginId,
        String whatsappPhoneNumberId,
        String contactIdentifier,
        String contactName,
        String status,
        UUID assignedTo,
        UUID leadId,
        Instant lastMessageAt,
        Instant lastInboundAt,
        int unreadCount,
        JsonNode lastMessage,
        Instant createdAt,
        Instant updatedAt) {

    public static final Duration SERVICE_WINDOW = Duration.ofHours(24);
    public static final String OPEN = "OPEN";
    public static final String CLOSED = "CLOSED";

    public Instant customerServiceWindowExpiresAt() {
        return lastInboundAt == null ? null : lastInboundAt.plus(SERVICE_WINDOW);
    }
}
