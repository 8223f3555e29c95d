package org.openchakra.chat;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Chats and chat messages (whatsapp.md §6) as the OpenAPI document shows them ({@code ApiOperation}):
 * {@link ChatService} reads the bodies, {@link ChatViews} writes the answers.
 */
public final class ChatSchemas {

    private ChatSchemas() {}

    @Schema(name = "Chat", description = "A session with one customer on one sender number.")
    public record ChatAnswer(
            UUID id,
            long createdAt,
            long updatedAt,
            UUID team,
            UUID plugin,
            String whatsappPhoneNumberId,

            @Schema(description = "The customer's phone number, digits with country code.")
            String contactIdentifier,

            @Schema(description = "The customer's WhatsApp profile name.") @Nullable
            String contactName,

            @Schema(allowableValues = {"OPEN", "CLOSED"}) String status,
            @Nullable UUID assignedTo,

            @Schema(description = "The lead (process) of the customer.") @Nullable
            UUID lead,

            @Nullable Long lastMessageAt,
            @Nullable Long lastInboundAt,
            int unreadCount,
            @Nullable LastMessage lastMessage,

            @Schema(description = "lastInboundAt + 24 h: until then free-form messages may be sent.") @Nullable
            Long customerServiceWindowExpiresAt) {}

    @Schema(description = "A short preview of the chat's latest message.")
    public record LastMessage(
            UUID id,

            @Schema(allowableValues = {"INBOUND", "OUTBOUND"})
            String direction,

            @Nullable String text,
            long timestamp) {}

    @Schema(name = "ChatMessage", description = "One message of a chat, either way.")
    public record MessageAnswer(
            UUID id,
            long createdAt,
            long updatedAt,

            @Schema(description = "Meta's wamid; null until Meta accepted an outgoing message.") @Nullable
            String externalId,

            @Schema(example = "whatsapp") String provider,

            @Schema(description = "Meta's message type: text, image, template, interactive, reaction, ...")
            String dataType,

            @Schema(description = "The Meta message object as sent or received.") @Nullable
            Map<String, Object> body,

            @Schema(description = "A plain-text rendering: the text, caption, filled template body or button title.")
            @Nullable
            String text,

            @Nullable List<Attachment> attachments,

            @Schema(allowableValues = {"PENDING", "SENT", "DELIVERED", "READ", "FAILED", "RECEIVED"})
            String deliveryStatus,

            @Schema(allowableValues = {"INBOUND", "OUTBOUND"})
            String direction,

            long timestamp,
            MessageContext context,
            MessageSource source,

            @Schema(description = "Meta's error objects, for a failure.") @Nullable
            List<Map<String, Object>> errors,

            UUID team,
            UUID chat,
            UUID plugin,
            String whatsappPhoneNumberId,

            @Schema(description = "The customer's phone number.")
            String contact,

            @Nullable UUID user,
            @Nullable UUID procedure,
            @Nullable UUID process,
            @Nullable UUID campaign,

            @Schema(description = "The id of the message this one quotes.") @Nullable
            UUID inReplyTo) {}

    public record MessageContext(
            String contactIdentifier, @Nullable String messageTemplateId) {}

    public record MessageSource(
            @Nullable String sourceId,

            @Schema(description = "PASS_THROUGH, TEMPLATE_API, CAMPAIGN, INBOUND or ECHO.")
            String sourceType) {}

    @Schema(description = "Media of the message, kept by OpenChakra.")
    public record Attachment(
            @Nullable String mediaId,
            @Nullable String mimeType,
            @Nullable Long fileSize,
            @Nullable String sha256,
            @Nullable String filename,
            @Nullable String url) {}

    record ChatQuery(
            @Schema(
                    allowableValues = {"createdAt", "updatedAt", "lastMessageAt"},
                    description = "Default lastMessageAt.")
            String orderField,

            @Schema(
                    allowableValues = {"asc", "desc"},
                    description = "Default desc.")
            String orderDirection,

            @Schema(description = "1-100, default 20.") Integer limit,
            @Schema(description = "1-based, default 1.") Integer page,
            @Schema(description = "Phone digits or a name.") String search,
            @Schema(allowableValues = {"OPEN", "CLOSED"}) String status,
            UUID pluginId,
            String whatsappPhoneNumberId,

            @Schema(description = "A username, primary email or user uuid.")
            String assignedTo) {}

    record MessageQuery(
            @Schema(description = "1-100, default 20.") Integer limit,
            @Schema(description = "1-based, default 1.") Integer page,

            @Schema(
                    allowableValues = {"asc", "desc"},
                    description = "Default desc: newest first.")
            String orderDirection) {}

    record CustomerMessageQuery(
            @Schema(
                    requiredMode = RequiredMode.REQUIRED,
                    description = "The customer's number; without a country code the team's is added.",
                    example = "919876543210")
            String customerPhoneNumber,

            Integer limit,
            Integer page,
            @Schema(allowableValues = {"asc", "desc"}) String orderDirection,
            UUID pluginId,
            String whatsappPhoneNumberId) {}

    record Assignment(
            @Schema(
                    requiredMode = RequiredMode.REQUIRED,
                    description = "A username, primary email or user uuid; null unassigns.")
            @Nullable
            String assignedTo) {}

    record PageMeta(long total, int page, int limit, boolean hasMore) {}
}
