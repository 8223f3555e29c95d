package org.openchakra.whatsapp.send;

import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Where a send came from, recorded on its chat message (whatsapp.md §6 {@code source}, {@code context},
 * {@code process}). {@code text} overrides the rendering of the Meta body (a template's filled-in body).
 */
public record SendOrigin(
        String sourceType,
        String sourceId,
        String messageTemplateId,
        UUID procedureId,
        UUID processId,
        String text,
        UUID userId,
        JsonNode attachments) {

    /** A send no person made, without attachments. */
    public SendOrigin(
            String sourceType,
            String sourceId,
            String messageTemplateId,
            UUID procedureId,
            UUID processId,
            String text) {
        this(sourceType, sourceId, messageTemplateId, procedureId, processId, text, null, null);
    }

    public static SendOrigin passThrough() {
        return new SendOrigin("PASS_THROUGH", null, null, null, null, null);
    }

    /**
     * A person's send from the inbox (inbox.md §2.3): source {@code INBOX}, the user as sender and source id,
     * and the attachments the message carries (null for none); {@code templateId} and {@code text} for a
     * template, null otherwise.
     */
    public static SendOrigin inbox(UUID userId, JsonNode attachments, String templateId, String text) {
        return new SendOrigin("INBOX", userId.toString(), templateId, null, null, text, userId, attachments);
    }
}
