package org.openchakra.webhook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.openchakra.chat.Chat;
import org.openchakra.chat.ChatMessage;
import org.openchakra.common.PhoneNumbers;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The events customers receive (webhooks.md §2), written to the outbox in the caller's transaction, per the
 * plugin's settings: the pass-through forward of Meta's notifications (and echoes of sends), and the
 * Chakra-format events. Bodies are fixed here, so the signature and every retry cover the same bytes.
 */
@Component
public class CustomerEvents {

    static final String CHAKRA = "CHAKRA";
    static final String PASS_THROUGH = "PASS_THROUGH";

    private final WebhookOutbox outbox;
    private final JsonMapper json;

    public CustomerEvents(WebhookOutbox outbox, JsonMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    /** §2.1: a notification from Meta, forwarded with exactly these bytes. */
    public void passThrough(WhatsappPlugin plugin, byte[] rawNotification, String orderKey) {
        passThroughUrl(plugin)
                .ifPresent(url -> outbox.add(new WebhookOutbox.NewDelivery(
                        plugin.teamId(), plugin.id(), "pass_through", PASS_THROUGH, url, orderKey, rawNotification)));
    }

    /** {@code message}: a customer's message arrived. */
    public void inboundMessage(
            WhatsappPlugin plugin,
            String wabaId,
            Chat chat,
            ChatMessage message,
            JsonNode metaMessage,
            JsonNode metaContacts) {
        if (!wants(plugin, "message")) {
            return;
        }
        Map<String, Object> payload = messagePayload(wabaId, chat.contactName(), chat.leadId(), message);
        payload.put("message", metaMessage);
        payload.put("contacts", metaContacts == null || metaContacts.isMissingNode() ? null : metaContacts);
        chakra(plugin, "message", message.chatId(), payload);
    }

    /**
     * An outgoing message whose delivery status moved: what the status events tell of it ({@code campaignId}
     * when a campaign sent it, campaigns.md §3).
     */
    public record StatusChange(
            UUID id,
            UUID chatId,
            String externalId,
            String deliveryStatus,
            String whatsappPhoneNumberId,
            String contactIdentifier,
            UUID campaignId) {}

    /** {@code status} and/or {@code deliveryStatus}: an outgoing message's delivery status moved. */
    public void statusChanged(WhatsappPlugin plugin, String wabaId, StatusChange message, JsonNode metaStatus) {
        long timestamp = seconds(metaStatus.path("timestamp")) * 1000;
        String recipient = metaStatus.path("recipient_id").asString(message.contactIdentifier());
        if (wants(plugin, "status")) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("id", message.id());
            payload.put("messageId", message.id());
            payload.put("externalId", message.externalId());
            payload.put("deliveryStatus", message.deliveryStatus());
            payload.put("timestamp", timestamp);
            payload.put("recipientId", recipient);
            payload.put("wabaId", wabaId);
            payload.put("whatsappPhoneNumberId", message.whatsappPhoneNumberId());
            payload.put("errorContext", errorContext(metaStatus.path("errors").path(0)));
            if (message.campaignId() != null) {
                payload.put("campaignId", message.campaignId());
            }
            chakra(plugin, "status", message.chatId(), payload);
        }
        if (wants(plugin, "deliveryStatus")) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("id", message.id());
            payload.put("externalId", message.externalId());
            payload.put("deliveryStatus", message.deliveryStatus());
            payload.put("timestamp", timestamp);
            payload.put("recipientId", recipient);
            if (message.campaignId() != null) {
                payload.put("campaignId", message.campaignId());
            }
            chakra(plugin, "deliveryStatus", message.chatId(), payload);
        }
    }

    /**
     * A message sent through OpenChakra: Chakra {@code message_echo}, and a Meta-shaped {@code message_echoes}
     * notification on the pass-through webhook when echoes (or, for template sends, template-send events) are on.
     */
    public void outgoingEcho(WhatsappPlugin plugin, String wabaId, ChatMessage message, boolean templateSend) {
        if (wants(plugin, "message_echo")) {
            Map<String, Object> payload = messagePayload(wabaId, null, null, message);
            payload.put("message", message.body());
            payload.put("contacts", null);
            payload.put("direction", ChatMessage.OUTBOUND);
            chakra(plugin, "message_echo", message.chatId(), payload);
        }
        String flag = templateSend
                ? "enableSendMessageTemplateEventForPassThroughWebhook"
                : "enableMessageEchoesForPassThroughWebhook";
        if (plugin.config().path(flag).asBoolean(false)) {
            passThroughUrl(plugin)
                    .ifPresent(url -> outbox.add(new WebhookOutbox.NewDelivery(
                            plugin.teamId(),
                            plugin.id(),
                            "pass_through_echo",
                            PASS_THROUGH,
                            url,
                            message.chatId().toString(),
                            json.writeValueAsBytes(echoNotification(plugin, wabaId, message)))));
        }
    }

    /** {@code smb_message_echo}: a message the business sent from the WhatsApp Business app (coexistence). */
    public void smbEcho(WhatsappPlugin plugin, String wabaId, ChatMessage message, JsonNode metaEcho) {
        if (!wants(plugin, "smb_message_echo")) {
            return;
        }
        Map<String, Object> payload = messagePayload(wabaId, null, null, message);
        payload.put("message", metaEcho);
        payload.put("contacts", null);
        payload.put("direction", ChatMessage.OUTBOUND);
        chakra(plugin, "smb_message_echo", message.chatId(), payload);
    }

    /**
     * {@code opt_out} / {@code opt_in} (campaigns.md §4): {@code phoneNumber} asked for no more marketing
     * messages, or back in. {@code chatId} is the chat the keyword came in, null for one made through the API.
     */
    public void optChanged(WhatsappPlugin plugin, String event, String phoneNumber, String source, UUID chatId) {
        if (!wants(plugin, event)) {
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("phoneNumber", phoneNumber);
        payload.put("source", source);
        payload.put("chatId", chatId);
        // In the chat's order after the message that carried the keyword; per customer when there is no chat.
        chakra(plugin, event, chatId != null ? chatId.toString() : "opt:" + phoneNumber, payload);
    }

    private Map<String, Object> messagePayload(String wabaId, String contactName, UUID leadId, ChatMessage m) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", m.id());
        payload.put("messageId", m.externalId());
        payload.put("chatId", m.chatId());
        payload.put("wabaId", wabaId);
        payload.put("whatsappPhoneNumberId", m.whatsappPhoneNumberId());
        if (ChatMessage.INBOUND.equals(m.direction())) {
            payload.put("from", m.contactIdentifier());
        } else {
            payload.put("to", m.contactIdentifier());
        }
        payload.put("contactName", contactName);
        payload.put("timestamp", m.timestamp().toEpochMilli());
        payload.put("dataType", m.dataType());
        payload.put("text", m.text());
        payload.put("leadId", leadId);
        return payload;
    }

    private Object errorContext(JsonNode error) {
        if (!error.isObject()) {
            return null;
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("code", error.path("code").isNumber() ? error.path("code").asInt() : null);
        context.put("title", error.path("title").asString(null));
        context.put(
                "message", error.path("message").asString(error.path("title").asString(null)));
        context.put("providerPayload", error);
        return context;
    }

    private ObjectNode echoNotification(WhatsappPlugin plugin, String wabaId, ChatMessage message) {
        ObjectNode root = json.createObjectNode();
        root.put("object", "whatsapp_business_account");
        ObjectNode entry = root.putArray("entry").addObject();
        entry.put("id", wabaId);
        ObjectNode change = entry.putArray("changes").addObject();
        change.put("field", "messages");
        ObjectNode value = change.putObject("value");
        value.put("messaging_product", "whatsapp");
        String display = plugin.phoneNumber(message.whatsappPhoneNumberId())
                .map(WhatsappPlugin.PhoneNumber::displayPhoneNumber)
                .orElse(null);
        String displayDigits = display == null ? null : PhoneNumbers.digits(display);
        ObjectNode metadata = value.putObject("metadata");
        metadata.put("display_phone_number", displayDigits);
        metadata.put("phone_number_id", message.whatsappPhoneNumberId());
        ObjectNode echo = value.putArray("message_echoes").addObject();
        echo.put("from", displayDigits);
        echo.put("to", message.contactIdentifier());
        echo.put("id", message.externalId());
        echo.put("timestamp", String.valueOf(message.timestamp().getEpochSecond()));
        echo.put("type", message.dataType());
        JsonNode content = message.body().path(message.dataType());
        if (!content.isMissingNode()) {
            echo.set(message.dataType(), content);
        }
        return root;
    }

    private void chakra(WhatsappPlugin plugin, String event, UUID chatId, Map<String, Object> payload) {
        chakra(plugin, event, chatId.toString(), payload);
    }

    private void chakra(WhatsappPlugin plugin, String event, String orderKey, Map<String, Object> payload) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.put("payload", payload);
        String url = plugin.config().path("chakraWebhookUrl").asString("");
        outbox.add(new WebhookOutbox.NewDelivery(
                plugin.teamId(), plugin.id(), event, CHAKRA, url, orderKey, json.writeValueAsBytes(body)));
    }

    private static boolean wants(WhatsappPlugin plugin, String event) {
        JsonNode config = plugin.config();
        if (!config.path("enableChakraWebhook").asBoolean(false)
                || config.path("chakraWebhookUrl").asString("").isEmpty()) {
            return false;
        }
        for (JsonNode e : config.path("whichChakraWebhookEventsToSend").values()) {
            if (event.equals(e.asString())) {
                return true;
            }
        }
        return false;
    }

    private static java.util.Optional<String> passThroughUrl(WhatsappPlugin plugin) {
        String url = plugin.config().path("passThroughWebhookUrl").asString("");
        return url.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(url);
    }

    private static long seconds(JsonNode timestamp) {
        try {
            return Long.parseLong(timestamp.asString(""));
        } catch (NumberFormatException e) {
            return System.currentTimeMillis() / 1000;
        }
    }
}
