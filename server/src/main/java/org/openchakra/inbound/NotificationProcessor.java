package org.openchakra.inbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.chat.Chat;
import org.openchakra.chat.ChatChanges;
import org.openchakra.chat.ChatMessage;
import org.openchakra.chat.InboundMessages;
import org.openchakra.common.PhoneNumbers;
import org.openchakra.webhook.CustomerEvents;
import org.openchakra.whatsapp.group.WhatsappGroups;
import org.openchakra.whatsapp.meta.MetaTarget;
import org.openchakra.whatsapp.plugin.PluginDirectory;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.openchakra.whatsapp.template.TemplateCache;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies one stored notification (webhooks.md §1 "Processing a notification"): inbound messages into
 * chats (with leads and media), statuses onto outgoing messages, template status updates into the cache,
 * Business-app echoes as outgoing messages, and the customer events for all of it, in the transaction
 * that deletes the notification as processed (see {@link InboundWorker}).
 */
@Component
class NotificationProcessor {

    private final NotificationOwners owners;
    private final NotificationStore store;
    private final InboundMessages messages;
    private final InboundMedia media;
    private final InboundLeads leads;
    private final StatusUpdates statuses;
    private final TemplateCache templates;
    private final WhatsappGroups groups;
    private final CustomerEvents events;
    private final ChatChanges chatChanges;
    private final PluginDirectory directory;
    private final JsonMapper json;
    private final List<InboundListener> listeners;

    NotificationProcessor(
            NotificationOwners owners,
            NotificationStore store,
            InboundMessages messages,
            InboundMedia media,
            InboundLeads leads,
            StatusUpdates statuses,
            TemplateCache templates,
            WhatsappGroups groups,
            CustomerEvents events,
            ChatChanges chatChanges,
            PluginDirectory directory,
            JsonMapper json,
            List<InboundListener> listeners) {
        this.chatChanges = chatChanges;
        this.owners = owners;
        this.store = store;
        this.messages = messages;
        this.media = media;
        this.leads = leads;
        this.statuses = statuses;
        this.templates = templates;
        this.groups = groups;
        this.events = events;
        this.directory = directory;
        this.json = json;
        this.listeners = List.copyOf(listeners);
    }

    /** One entry of the notification with the plugin that owns it. */
    private record OwnedEntry(JsonNode entry, WhatsappPlugin plugin) {}

    /** A stored notification read: its entries with their owners, and those no active plugin owns. */
    private record Parsed(
            NotificationStore.Claimed claimed, JsonNode notification, List<OwnedEntry> owned, List<JsonNode> unowned) {}

    /**
     * Applies one notification in the caller's transaction (which deletes it as processed). Its media is fetched
     * from Meta first, inside that transaction: the queue it holds waits, which is what keeps the customer's
     * later messages behind this one.
     */
    void apply(NotificationStore.Claimed claimed) {
        apply(parse(claimed), StatusUpdates.Moves.NONE);
    }

    /**
     * Applies a batch of notifications in order, in the caller's transaction, as {@link #apply} one after the
     * other would; their statuses move their messages in one statement for the whole batch first
     * ({@link StatusUpdates#moveAll}), and each notification's events are written in its turn.
     */
    void applyAll(List<NotificationStore.Claimed> batch) {
        List<Parsed> parsed = batch.stream().map(this::parse).toList();
        List<StatusUpdates.Candidate> candidates = new ArrayList<>();
        for (Parsed p : parsed) {
            for (OwnedEntry e : p.owned()) {
                for (JsonNode change : e.entry().path("changes").values()) {
                    if ("messages".equals(change.path("field").asString(""))) {
                        change.path("value")
                                .path("statuses")
                                .values()
                                .forEach(status -> candidates.add(new StatusUpdates.Candidate(e.plugin(), status)));
                    }
                }
            }
        }
        StatusUpdates.Moves moves = statuses.moveAll(candidates);
        parsed.forEach(p -> apply(p, moves));
    }

    private Parsed parse(NotificationStore.Claimed claimed) {
        JsonNode notification = json.readTree(claimed.body());
        List<OwnedEntry> owned = new ArrayList<>();
        List<JsonNode> unowned = new ArrayList<>();
        for (JsonNode entry : notification.path("entry").values()) {
            // The owner as this transaction reads it: its settings decide the events (webhooks.md §2).
            owners.current(entry)
                    .ifPresentOrElse(plugin -> owned.add(new OwnedEntry(entry, plugin)), () -> unowned.add(entry));
        }
        return new Parsed(claimed, notification, owned, unowned);
    }

    private void apply(Parsed p, StatusUpdates.Moves moves) {
        Map<String, InboundMedia.Attachment> fetched = fetchMedia(p.owned());
        for (OwnedEntry e : p.owned()) {
            apply(e, fetched, moves);
        }
        forward(p.claimed().body(), p.claimed().orderKey(), p.notification(), p.owned());
        if (!p.unowned().isEmpty()) {
            store.deadLetter(
                    p.claimed().body(),
                    p.unowned().size() + " entr" + (p.unowned().size() == 1 ? "y" : "ies")
                            + " for a WABA or number no active plugin owns",
                    true);
        }
    }

    private void apply(OwnedEntry e, Map<String, InboundMedia.Attachment> fetched, StatusUpdates.Moves moves) {
        String wabaId = NotificationOwners.idText(e.entry().path("id"));
        for (JsonNode change : e.entry().path("changes").values()) {
            JsonNode value = change.path("value");
            switch (change.path("field").asString("")) {
                case "messages" -> {
                    String pnid =
                            NotificationOwners.idText(value.path("metadata").path("phone_number_id"));
                    for (JsonNode message : value.path("messages").values()) {
                        if (pnid != null) {
                            inbound(e.plugin(), wabaId, pnid, value.path("contacts"), message, fetched);
                        }
                    }
                    for (JsonNode status : value.path("statuses").values()) {
                        statuses.apply(e.plugin(), wabaId, status, moves);
                    }
                }
                case "smb_message_echoes" -> {
                    String pnid =
                            NotificationOwners.idText(value.path("metadata").path("phone_number_id"));
                    for (JsonNode echo : value.path("message_echoes").values()) {
                        if (pnid != null) {
                            echo(e.plugin(), wabaId, pnid, echo);
                        }
                    }
                }
                case "message_template_status_update" -> templateStatus(e.plugin(), wabaId, value);
                case "group_lifecycle_update" -> groupLifecycle(e.plugin(), value);
                default -> {
                    // Other fields (quality, account, calls, other group events ...) are only forwarded.
                }
            }
        }
    }

    private void inbound(
            WhatsappPlugin plugin,
            String wabaId,
            String pnid,
            JsonNode contacts,
            JsonNode message,
            Map<String, InboundMedia.Attachment> fetched) {
        String from = PhoneNumbers.digits(message.path("from").asString(""));
        String wamid = message.path("id").asString("");
        if (from.isEmpty() || wamid.isEmpty()) {
            return;
        }
        String name = profileName(contacts, from);
        Chat chat = messages.openChatForInbound(plugin, pnid, from, name);
        InboundMedia.Attachment attachment = fetched.get(wamid);
        Optional<ChatMessage> stored = messages.insert(new InboundMessages.NewMessage(
                chat,
                wamid,
                message.path("type").asString("unknown"),
                message,
                InboundText.of(message),
                attachment == null ? null : attachments(attachment, plugin.defaultApiVersion()),
                "RECEIVED",
                ChatMessage.INBOUND,
                timestamp(message),
                "INBOUND",
                message.path("context").path("id").asString(null)));
        if (stored.isEmpty()) {
            return; // the same wamid again: Meta's at-least-once delivery
        }
        chat = messages.afterInbound(chat, stored.get());
        if (chat.leadId() == null) {
            Chat current = chat;
            chat = leads.leadFor(plugin.teamId(), from, name)
                    .map(lead -> messages.linkLead(current, lead))
                    .orElse(chat);
        }
        events.inboundMessage(plugin, wabaId, chat, stored.get(), message, contacts);
        chatChanges.changed(chat.teamId(), chat.id());
        for (InboundListener listener : listeners) {
            listener.messageReceived(plugin, chat, stored.get());
        }
    }

    private void echo(WhatsappPlugin plugin, String wabaId, String pnid, JsonNode echo) {
        String to = PhoneNumbers.digits(echo.path("to").asString(""));
        String wamid = echo.path("id").asString("");
        if (to.isEmpty() || wamid.isEmpty()) {
            return;
        }
        Chat chat = messages.openChat(plugin, pnid, to, null);
        messages.insert(new InboundMessages.NewMessage(
                        chat,
                        wamid,
                        echo.path("type").asString("unknown"),
                        echo,
                        InboundText.of(echo),
                        null,
                        "SENT",
                        ChatMessage.OUTBOUND,
                        timestamp(echo),
                        "ECHO",
                        echo.path("context").path("id").asString(null)))
                .ifPresent(m -> {
                    events.smbEcho(plugin, wabaId, m, echo);
                    chatChanges.changed(m.teamId(), m.chatId());
                });
    }

    private void templateStatus(WhatsappPlugin plugin, String wabaId, JsonNode value) {
        String templateId = NotificationOwners.idText(value.path("message_template_id"));
        String event = value.path("event").asString("");
        if (templateId == null || event.isEmpty() || wabaId == null) {
            return;
        }
        if ("DELETED".equals(event)) {
            templates.deleteById(plugin.teamId(), wabaId, templateId);
        } else {
            templates.setStatus(plugin.teamId(), wabaId, templateId, event);
        }
    }

    /**
     * Meta answers a group creation with a request id only; the group's id first appears here. Remembered
     * for the plugin that owns the number, so that calls naming the group find it (whatsapp.md §7).
     */
    private void groupLifecycle(WhatsappPlugin plugin, JsonNode value) {
        String pnid = NotificationOwners.idText(value.path("metadata").path("phone_number_id"));
        if (pnid == null || plugin.phoneNumber(pnid).isEmpty()) {
            return;
        }
        for (JsonNode group : value.path("groups").values()) {
            String groupId = NotificationOwners.idText(group.path("group_id"));
            if (groupId != null) {
                groups.remember(plugin.teamId(), plugin.id(), groupId, pnid);
            }
        }
    }

    /** webhooks.md §2.1: each plugin's customer gets the notification; as received when it is all theirs. */
    private void forward(byte[] raw, String orderKey, JsonNode notification, List<OwnedEntry> owned) {
        Map<UUID, List<OwnedEntry>> byPlugin = new HashMap<>();
        owned.forEach(e -> byPlugin.computeIfAbsent(e.plugin().id(), k -> new ArrayList<>())
                .add(e));
        int entries = notification.path("entry").size();
        for (List<OwnedEntry> mine : byPlugin.values()) {
            WhatsappPlugin plugin = mine.get(0).plugin();
            if (mine.size() == entries) {
                events.passThrough(plugin, raw, orderKey);
            } else {
                // A batch spanning teams: never show one team another's entries.
                ObjectNode only = (ObjectNode) notification.deepCopy();
                ArrayNode list = only.putArray("entry");
                mine.forEach(e -> list.add(e.entry()));
                events.passThrough(plugin, json.writeValueAsBytes(only), orderKey);
            }
        }
    }

    private Map<String, InboundMedia.Attachment> fetchMedia(List<OwnedEntry> owned) {
        Map<String, InboundMedia.Attachment> fetched = new HashMap<>();
        for (OwnedEntry e : owned) {
            MetaTarget target = null;
            for (JsonNode change : e.entry().path("changes").values()) {
                for (JsonNode message : change.path("value").path("messages").values()) {
                    String type = message.path("type").asString("");
                    if (!message.path(type).has("mime_type")) {
                        continue;
                    }
                    if (target == null) {
                        target = directory
                                .active(e.plugin().teamId(), e.plugin().id())
                                .target();
                    }
                    MetaTarget to = target;
                    media.fetch(
                                    e.plugin().teamId(),
                                    e.plugin().id(),
                                    to,
                                    e.plugin().defaultApiVersion(),
                                    message)
                            .ifPresent(a -> fetched.put(message.path("id").asString(""), a));
                }
            }
        }
        return fetched;
    }

    private ArrayNode attachments(InboundMedia.Attachment a, String version) {
        ArrayNode list = json.createArrayNode();
        ObjectNode item = list.addObject();
        item.put("mediaId", a.mediaId());
        item.put("mimeType", a.mimeType());
        item.put("fileSize", a.fileSize());
        item.put("sha256", a.sha256());
        item.put("filename", a.filename());
        if (a.stored()) {
            item.put("url", "/v1/whatsapp/" + version + "/media/" + a.mediaId() + "/show");
        } else {
            item.putNull("url");
        }
        return list;
    }

    private static String profileName(JsonNode contacts, String from) {
        for (JsonNode contact : contacts.values()) {
            if (from.equals(PhoneNumbers.digits(contact.path("wa_id").asString("")))) {
                String name = contact.path("profile").path("name").asString("");
                return name.isBlank() ? null : name;
            }
        }
        return null;
    }

    private static Instant timestamp(JsonNode message) {
        String seconds = message.path("timestamp").asString("");
        try {
            return Instant.ofEpochSecond(Long.parseLong(seconds));
        } catch (NumberFormatException e) {
            return Instant.now();
        }
    }
}
