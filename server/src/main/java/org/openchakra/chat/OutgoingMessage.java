package org.openchakra.chat;

import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A message sent through OpenChakra, recorded once Meta has answered: {@code SENT} with Meta's wamid, or
 * {@code FAILED} with Meta's error objects; a campaign's message is recorded {@code PENDING} before Meta is
 * called ({@link PreRecordedMessages}). {@code quotedWamid} is the wamid a reply quotes ({@code context.message_id}).
 */
public record OutgoingMessage(
        UUID teamId,
        UUID pluginId,
        String whatsappPhoneNumberId,
        String contactIdentifier,
        String dataType,
        JsonNode body,
        String text,
        String deliveryStatus,
        String externalId,
        JsonNode errors,
        String sourceType,
        String sourceId,
        String messageTemplateId,
        UUID procedureId,
        UUID processId,
        String quotedWamid,
        UUID campaignId,
        UUID userId,
        JsonNode attachments) {

    public static final String PASS_THROUGH = "PASS_THROUGH";
    public static final String TEMPLATE_API = "TEMPLATE_API";
    public static final String CAMPAIGN = "CAMPAIGN";
    /** Sent by a person in the inbox ({@code userId} is who; inbox.md §2.3). */
    public static final String INBOX = "INBOX";

    /** A message of no campaign that no person sent, without attachments (API sends). */
    public OutgoingMessage(
            UUID teamId,
            UUID pluginId,
            String whatsappPhoneNumberId,
            String contactIdentifier,
            String dataType,
            JsonNode body,
            String text,
            String deliveryStatus,
            String externalId,
            JsonNode errors,
            String sourceType,
            String sourceId,
            String messageTemplateId,
            UUID procedureId,
            UUID processId,
            String quotedWamid) {
        this(
                teamId,
                pluginId,
                whatsappPhoneNumberId,
                contactIdentifier,
                dataType,
                body,
                text,
                deliveryStatus,
                externalId,
                errors,
                sourceType,
                sourceId,
                messageTemplateId,
                procedureId,
                processId,
                quotedWamid,
                null,
                null,
                null);
    }
}
