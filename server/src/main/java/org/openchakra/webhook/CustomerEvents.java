package org.openchakra.webhook;

import org.openchakra.chat.Chat;
import org.openchakra.chat.ChatMessage;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** PLACEHOLDER on branch inbound only: replaced by the webhooks branch's implementation at merge. */
@Component
public class CustomerEvents {

    public void passThrough(WhatsappPlugin plugin, byte[] rawNotification, String orderKey) {
    }

    public void inboundMessage(WhatsappPlugin plugin, String wabaId, Chat chat, ChatMessage message,
            JsonNode metaMessage, JsonNode metaContacts) {
    }

    public void statusChanged(WhatsappPlugin plugin, String wabaId, ChatMessage message, JsonNode metaStatus) {
    }

    public void outgoingEcho(WhatsappPlugin plugin, String wabaId, ChatMessage message, boolean templateSend) {
    }

    public void smbEcho(WhatsappPlugin plugin, String wabaId, ChatMessage message, JsonNode metaEcho) {
    }
}
