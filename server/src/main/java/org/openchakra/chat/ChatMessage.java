package org.openchakra.chat;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** One message of a chat, either way (whatsapp.md §6). Times are epoch milliseconds as the API shows them. */
public record ChatMessage(
        UUID id,
        UUID teamId,
        UUID chatId,
        UUID pluginId,
        String whatsappPhoneNumberId,
        String contactIdentifier,
        String externalId,
        String provider,
        String dataType,
        JsonNode body,
        String text,
        JsonNode attachments,
        String deliveryStatus,
        String direction,
        Instant timestamp,
        String messageTemplateId,
        String sourceType,
        String sourceId,
        JsonNode errors,
        UUID userId,
        UUID procedureId,
        UUID processId,
        UUID campaignId,
        UUID inReplyTo,
        Instant createdAt,
        Instant updatedAt) {

    public static final String OUTBOUND = "OUTBOUND";
    public static final String INBOUND = "INBOUND";
}
