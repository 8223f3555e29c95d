package org.openchakra.inbox;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.app.AppMessages;
import org.openchakra.app.AppUser;
import org.openchakra.chat.Chat;
import org.openchakra.chat.ChatMessage;
import org.openchakra.chat.ChatService;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Turns stored chat messages (Meta's message objects, as received or sent) into what the conversation shows:
 * every type of whatsapp.md §6, with the customer's text escaped and formatted, media through the app's own
 * media path, statuses and Meta's reason for a failure, who sent it, quoted messages and reactions.
 */
@Component
class MessageViews {

    /** A line of the conversation: a date separator or a message. */
    sealed interface Item {
        /** For the template: a separator or a message. */
        boolean day();
    }

    record Day(String label) implements Item {
        @Override
        public boolean day() {
            return true;
        }
    }

    record Message(MessageView view) implements Item {
        @Override
        public boolean day() {
            return false;
        }
    }

    private final AppMessages messages;
    private final InboxTimes times;
    private final ChatService chats;

    MessageViews(AppMessages messages, InboxTimes times, ChatService chats) {
        this.messages = messages;
        this.times = times;
        this.chats = chats;
    }

    /** {@code oldestFirst}: a run of the chat's messages in order; date separators go between days. */
    List<Item> items(AppUser me, Chat chat, List<ChatMessage> oldestFirst, TeamDirectory.Snapshot team) {
        Map<UUID, ChatMessage> byId = new HashMap<>();
        Map<String, Integer> byWamid = new HashMap<>();
        oldestFirst.forEach(m -> byId.put(m.id(), m));
        List<MessageView> views = new ArrayList<>();
        for (ChatMessage m : oldestFirst) {
            if ("reaction".equals(m.dataType())) {
                String target = m.body().path("reaction").path("message_id").asString("");
                Integer at = byWamid.get(target);
                String emoji = m.body().path("reaction").path("emoji").asString("");
                if (at != null) {
                    if (!emoji.isEmpty()) {
                        views.set(at, views.get(at).withReaction(emoji));
                    }
                    continue;
                }
            }
            if (m.externalId() != null) {
                byWamid.put(m.externalId(), views.size());
            }
            views.add(view(me, chat, m, byId, team));
        }
        List<Item> items = new ArrayList<>();
        LocalDate day = null;
        for (MessageView v : views) {
            LocalDate d = java.time.Instant.ofEpochMilli(v.timestamp())
                    .atZone(me.zone())
                    .toLocalDate();
            if (!d.equals(day)) {
                items.add(new Day(times.day(d, me.zone())));
                day = d;
            }
            items.add(new Message(v));
        }
        return items;
    }

    private MessageView view(
            AppUser me, Chat chat, ChatMessage m, Map<UUID, ChatMessage> page, TeamDirectory.Snapshot team) {
        JsonNode body = m.body() == null ? tools.jackson.databind.node.JsonNodeFactory.instance.objectNode() : m.body();
        String type = m.dataType() == null ? "unknown" : m.dataType();
        JsonNode content = body.path(type);
        boolean outbound = ChatMessage.OUTBOUND.equals(m.direction());
        String mediaUrl = null;
        String downloadUrl = null;
        String mime = null;
        String filename = null;
        JsonNode attachment = m.attachments() == null ? null : m.attachments().path(0);
        if (attachment != null && attachment.isObject() && attachment.hasNonNull("mediaId")) {
            String path = "/app/chats/" + chat.id() + "/messages/" + m.id() + "/media";
            boolean stored = !attachment.path("url").isNull() && attachment.has("url");
            mediaUrl = stored ? path : null;
            downloadUrl = stored ? path + "?download" : null;
            mime = attachment.path("mimeType").asString(null);
            filename = attachment.path("filename").asString(null);
        }
        if (filename == null) {
            filename = content.path("filename").asString(null);
        }
        String kind;
        String html = null;
        String caption = null;
        MessageView.Location location = null;
        List<MessageView.Contact> contacts = List.of();
        List<String> options = List.of();
        String reactionEmoji = null;
        String templateName = null;
        switch (type) {
            case "text" -> {
                kind = "text";
                html = WhatsappMarkup.toHtml(text(m, content.path("body").asString("")));
            }
            case "image", "sticker", "video", "audio", "document" -> {
                kind = type;
                caption = WhatsappMarkup.toHtml(content.path("caption").asString(""));
                if (mediaUrl == null) {
                    String link = content.path("link").asString(null);
                    html = WhatsappMarkup.toHtml(link != null ? link : messages.text("message.mediaUnavailable"));
                }
            }
            case "location" -> {
                kind = "location";
                String lat = content.path("latitude").asString("");
                String lng = content.path("longitude").asString("");
                location = new MessageView.Location(
                        content.path("name").asString(null),
                        content.path("address").asString(null),
                        lat,
                        lng,
                        "https://www.openstreetmap.org/?mlat=" + encode(lat) + "&mlon=" + encode(lng) + "#map=16/"
                                + encode(lat) + "/" + encode(lng));
            }
            case "contacts" -> {
                kind = "contacts";
                List<MessageView.Contact> list = new ArrayList<>();
                for (JsonNode c : content.values()) {
                    List<String> phones = new ArrayList<>();
                    c.path("phones")
                            .values()
                            .forEach(p -> phones.add(p.path("phone").asString("")));
                    list.add(new MessageView.Contact(
                            c.path("name").path("formatted_name").asString(""), List.copyOf(phones)));
                }
                contacts = List.copyOf(list);
            }
            case "interactive" -> {
                String itype = content.path("type").asString("");
                if (itype.endsWith("_reply")) {
                    kind = "reply";
                    html = WhatsappMarkup.toHtml(
                            content.path(itype).path("title").asString(text(m, "")));
                } else if ("nfm_reply".equals(itype)) {
                    kind = "reply";
                    html = WhatsappMarkup.toHtml(text(m, messages.text("message.flowReply")));
                } else {
                    kind = "interactive";
                    html = WhatsappMarkup.toHtml(
                            content.path("body").path("text").asString(text(m, "")));
                    List<String> labels = new ArrayList<>();
                    content.path("action")
                            .path("buttons")
                            .values()
                            .forEach(b -> labels.add(b.path("reply")
                                    .path("title")
                                    .asString(b.path("title").asString(""))));
                    content.path("action")
                            .path("sections")
                            .values()
                            .forEach(s -> s.path("rows")
                                    .values()
                                    .forEach(r -> labels.add(r.path("title").asString(""))));
                    if (labels.isEmpty() && content.path("action").has("button")) {
                        labels.add(content.path("action").path("button").asString(""));
                    }
                    options = List.copyOf(labels);
                }
            }
            case "button" -> {
                kind = "reply";
                html = WhatsappMarkup.toHtml(content.path("text").asString(text(m, "")));
            }
            case "reaction" -> {
                kind = "reaction";
                reactionEmoji = content.path("emoji").asString("");
            }
            case "template" -> {
                kind = "template";
                templateName = content.path("name").asString(null);
                html = WhatsappMarkup.toHtml(text(m, templateName == null ? "" : templateName));
                for (JsonNode component : content.path("components").values()) {
                    if ("header".equalsIgnoreCase(component.path("type").asString(""))) {
                        for (JsonNode p : component.path("parameters").values()) {
                            String ptype = p.path("type").asString("");
                            String link = p.path(ptype).path("link").asString(null);
                            if (link != null) {
                                caption =
                                        WhatsappMarkup.toHtml(messages.text("message.headerMedia", ptype) + " " + link);
                            }
                        }
                    }
                }
            }
            default -> {
                kind = "unsupported";
                html = WhatsappMarkup.toHtml(
                        m.text() != null && !m.text().isBlank()
                                ? m.text()
                                : messages.text("message.unsupported", type));
            }
        }
        return new MessageView(
                m.id(),
                outbound,
                kind,
                html,
                mediaUrl,
                downloadUrl,
                mime,
                filename,
                caption == null || caption.isEmpty() ? null : caption,
                location,
                contacts,
                options,
                reactionEmoji,
                quote(me, chat, m, page, team),
                times.clock(m.timestamp(), me.zone()),
                times.fullTime(m.timestamp(), me.zone()),
                m.timestamp().toEpochMilli(),
                m.deliveryStatus(),
                statusLabel(m.deliveryStatus()),
                error(m),
                sender(me, chat, m, team),
                templateName,
                List.of());
    }

    private static String text(ChatMessage m, String fallback) {
        return m.text() != null && !m.text().isBlank() ? m.text() : fallback;
    }

    private MessageView.Quote quote(
            AppUser me, Chat chat, ChatMessage m, Map<UUID, ChatMessage> page, TeamDirectory.Snapshot team) {
        if (m.inReplyTo() == null) {
            return null;
        }
        Optional<ChatMessage> quoted =
                Optional.ofNullable(page.get(m.inReplyTo())).or(() -> chats.message(me.teamId(), m.inReplyTo()));
        return quoted.map(q -> new MessageView.Quote(
                        sender(me, chat, q, team),
                        q.text() == null || q.text().isBlank()
                                ? messages.text("message.quotedMedia", q.dataType())
                                : abbreviate(q.text())))
                .orElse(null);
    }

    private String sender(AppUser me, Chat chat, ChatMessage m, TeamDirectory.Snapshot team) {
        if (!ChatMessage.OUTBOUND.equals(m.direction())) {
            return InboxChats.displayName(chat);
        }
        if (m.userId() != null) {
            return m.userId().equals(me.id()) ? messages.text("sender.you") : orUnknown(team.userName(m.userId()));
        }
        String source = m.sourceType() == null ? "" : m.sourceType();
        return switch (source) {
            case "CAMPAIGN" -> messages.text("sender.campaign");
            case "ECHO" -> messages.text("sender.businessApp");
            default -> messages.text("sender.api");
        };
    }

    private String orUnknown(String name) {
        return name == null ? messages.text("sender.formerUser") : name;
    }

    private String statusLabel(String status) {
        return status == null ? "" : messages.text("status." + status);
    }

    /** Meta's reason for a failure: its code and the most specific text it gave. */
    private static String error(ChatMessage m) {
        if (!"FAILED".equals(m.deliveryStatus()) || m.errors() == null) {
            return null;
        }
        JsonNode e = m.errors().path(0);
        String details = e.path("error_data").path("details").asString(null);
        String text = details != null
                ? details
                : e.path("message").asString(e.path("title").asString(""));
        String code = e.path("code").asString("");
        return (code.isEmpty() ? "" : "(#" + code + ") ") + text;
    }

    private static String abbreviate(String text) {
        return text.length() > 140 ? text.substring(0, 140) + "…" : text;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
