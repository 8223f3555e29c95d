package org.openchakra.chat;

import static org.openchakra.web.TimeValues.millis;

import java.util.LinkedHashMap;
import java.util.Map;

/** The API's shapes of chats and chat messages (whatsapp.md §6): field names and times as clients read them. */
public final class ChatViews {

    private ChatViews() {}

    public static Map<String, Object> message(ChatMessage m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", m.id());
        v.put("createdAt", millis(m.createdAt()));
        v.put("updatedAt", millis(m.updatedAt()));
        v.put("externalId", m.externalId());
        v.put("provider", m.provider());
        v.put("dataType", m.dataType());
        v.put("body", m.body());
        v.put("text", m.text());
        v.put("attachments", m.attachments());
        v.put("deliveryStatus", m.deliveryStatus());
        v.put("direction", m.direction());
        v.put("timestamp", millis(m.timestamp()));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("contactIdentifier", m.contactIdentifier());
        context.put("messageTemplateId", m.messageTemplateId());
        v.put("context", context);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("sourceId", m.sourceId());
        source.put("sourceType", m.sourceType());
        v.put("source", source);
        v.put("errors", m.errors());
        v.put("team", m.teamId());
        v.put("chat", m.chatId());
        v.put("plugin", m.pluginId());
        v.put("whatsappPhoneNumberId", m.whatsappPhoneNumberId());
        v.put("contact", m.contactIdentifier());
        v.put("user", m.userId());
        v.put("procedure", m.procedureId());
        v.put("process", m.processId());
        v.put("campaign", m.campaignId());
        v.put("inReplyTo", m.inReplyTo());
        return v;
    }

    public static Map<String, Object> chat(Chat c) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", c.id());
        v.put("createdAt", millis(c.createdAt()));
        v.put("updatedAt", millis(c.updatedAt()));
        v.put("team", c.teamId());
        v.put("plugin", c.pluginId());
        v.put("whatsappPhoneNumberId", c.whatsappPhoneNumberId());
        v.put("contactIdentifier", c.contactIdentifier());
        v.put("contactName", c.contactName());
        v.put("status", c.status());
        v.put("assignedTo", c.assignedTo());
        v.put("lead", c.leadId());
        v.put("lastMessageAt", millis(c.lastMessageAt()));
        v.put("lastInboundAt", millis(c.lastInboundAt()));
        v.put("unreadCount", c.unreadCount());
        v.put("lastMessage", c.lastMessage());
        v.put("customerServiceWindowExpiresAt", millis(c.customerServiceWindowExpiresAt()));
        return v;
    }
}
