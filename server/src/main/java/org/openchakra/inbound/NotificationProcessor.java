package org.openchakra.inbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
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
        apply(parse(claimed), StatusUpdates.Moves.NONE, Map.of());
    }

    /**
     * Applies a batch of notifications in order, in the caller's transaction, as {@link #apply} one after the
     * other would; their statuses move their messages in one statement for the whole batch first
     * ({@link StatusUpdates#moveAll}), the inbound messages of each run of notifications go into their chats together
     * ({@link #applyTogether}), and each notification's events are written in its turn.
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
        List<Parsed> run = new ArrayList<>();
        for (Parsed p : parsed) {
            if (writesChatsOnItsOwn(p, moves)) {
                applyTogether(run, moves);
                run.clear();
                apply(p, moves, Map.of());
            } else {
                run.add(p);
            }
        }
        applyTogether(run, moves);
    }

    /**
     * Whether applying the notification writes chats other than through its inbound messages: a Business-app echo
     * opens a chat and stores a message, and so may a status {@link StatusUpdates#moveAll} did not decide (a
     * campaign's send it settles). Such a notification is applied alone, in its turn, so that the inbound messages
     * before and after it see the chats as they would one notification at a time.
     */
    private static boolean writesChatsOnItsOwn(Parsed p, StatusUpdates.Moves moves) {
        for (OwnedEntry e : p.owned()) {
            for (JsonNode change : e.entry().path("changes").values()) {
                JsonNode value = change.path("value");
                switch (change.path("field").asString("")) {
                    case "smb_message_echoes" -> {
                        if (!value.path("message_echoes").isEmpty()) {
                            return true;
                        }
                    }
                    case "messages" -> {
                        for (JsonNode status : value.path("statuses").values()) {
                            if (!moves.decided(status)) {
                                return true;
                            }
                        }
                    }
                    default -> {
                        // Template statuses, groups and the rest write no chat.
                    }
                }
            }
        }
        return false;
    }

    /**
     * Applies a run of notifications in order, their inbound messages stored with a few statements for the whole run
     * first ({@link InboundMessages#receiveAll}): what those write (chats, messages, windows, leads) is read by nothing
     * else the run does, and the events, notices and listeners of each message still come in its turn.
     */
    private void applyTogether(List<Parsed> run, StatusUpdates.Moves moves) {
        if (run.isEmpty()) {
            return;
        }
        List<Map<String, InboundMedia.Attachment>> media = new ArrayList<>();
        List<InboundMessages.Incoming> incoming = new ArrayList<>();
        List<JsonNode> nodes = new ArrayList<>();
        for (Parsed p : run) {
            Map<String, InboundMedia.Attachment> fetched = fetchMedia(p.owned());
            media.add(fetched);
            forEachInbound(p, fetched, (message, m) -> {
                nodes.add(message);
                incoming.add(m);
            });
        }
        List<InboundMessages.Received> received = messages.receiveAll(incoming, this::leadFor);
        Map<JsonNode, InboundMessages.Received> byMessage = new IdentityHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            byMessage.put(nodes.get(i), received.get(i));
        }
        for (int i = 0; i < run.size(); i++) {
            apply(run.get(i), moves, media.get(i), byMessage);
        }
    }

    /** Each inbound message of the notification that makes a chat message, in order. */
    private void forEachInbound(
            Parsed p,
            Map<String, InboundMedia.Attachment> fetched,
            BiConsumer<JsonNode, InboundMessages.Incoming> action) {
        for (OwnedEntry e : p.owned()) {
            for (JsonNode change : e.entry().path("changes").values()) {
                if (!"messages".equals(change.path("field").asString(""))) {
                    continue;
                }
                JsonNode value = change.path("value");
                String pnid = NotificationOwners.idText(value.path("metadata").path("phone_number_id"));
                for (JsonNode message : value.path("messages").values()) {
                    InboundMessages.Incoming m = incoming(e.plugin(), pnid, value.path("contacts"), message, fetched);
                    if (m != null) {
                        action.accept(message, m);
                    }
                }
            }
        }
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

    /** Applies one notification; its inbound messages found in {@code received} were stored already. */
    private void apply(Parsed p, StatusUpdates.Moves moves, Map<JsonNode, InboundMessages.Received> received) {
        apply(p, moves, fetchMedia(p.owned()), received);
    }

    private void apply(
            Parsed p,
            StatusUpdates.Moves moves,
            Map<String, InboundMedia.Attachment> fetched,
            Map<JsonNode, InboundMessages.Received> received) {
        for (OwnedEntry e : p.owned()) {
            apply(e, fetched, moves, received);
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

    private void apply(
            OwnedEntry e,
            Map<String, InboundMedia.Attachment> fetched,
            StatusUpdates.Moves moves,
            Map<JsonNode, InboundMessages.Received> received) {
        String wabaId = NotificationOwners.idText(e.entry().path("id"));
        for (JsonNode change : e.entry().path("changes").values()) {
            JsonNode value = change.path("value");
            switch (change.path("field").asString("")) {
                case "messages" -> {
                    String pnid =
                            NotificationOwners.idText(value.path("metadata").path("phone_number_id"));
                    for (JsonNode message : value.path("messages").values()) {
                        InboundMessages.Received r = received.get(message);
                        if (r == null) {
                            InboundMessages.Incoming m =
                                    incoming(e.plugin(), pnid, value.path("contacts"), message, fetched);
                            if (m == null) {
                                continue;
                            }
                            r = messages.receive(m, this::leadFor);
                        }
                        inbound(e.plugin(), wabaId, r, message, value.path("contacts"));
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

    /** The chat message an inbound message makes; null when it makes none (no sender, wamid or number). */
    private InboundMessages.Incoming incoming(
            WhatsappPlugin plugin,
            String pnid,
            JsonNode contacts,
            JsonNode message,
            Map<String, InboundMedia.Attachment> fetched) {
        String from = PhoneNumbers.digits(message.path("from").asString(""));
        String wamid = message.path("id").asString("");
        if (pnid == null || from.isEmpty() || wamid.isEmpty()) {
            return null;
        }
        InboundMedia.Attachment attachment = fetched.get(wamid);
        return new InboundMessages.Incoming(
                plugin.teamId(),
                plugin.id(),
                pnid,
                from,
                profileName(contacts, from),
                wamid,
                message.path("type").asString("unknown"),
                message,
                InboundText.of(message),
                attachment == null ? null : attachments(attachment, plugin.defaultApiVersion()),
                timestamp(message),
                message.path("context").path("id").asString(null));
    }

    /** The customer's lead (whatsapp.md §6), made if there is none; empty if the lead procedure refuses it. */
    private Optional<UUID> leadFor(InboundMessages.Incoming m) {
        return leads.leadFor(m.teamId(), m.contact(), m.contactName());
    }

    /** The events, notice and listeners of an inbound message stored ({@code r}). */
    private void inbound(
            WhatsappPlugin plugin, String wabaId, InboundMessages.Received r, JsonNode message, JsonNode contacts) {
        if (r.stored().isEmpty()) {
            return; // the same wamid again: Meta's at-least-once delivery
        }
        Chat chat = r.chat();
        ChatMessage stored = r.stored().get();
        events.inboundMessage(plugin, wabaId, chat, stored, message, contacts);
        chatChanges.changed(chat.teamId(), chat.id());
        for (InboundListener listener : listeners) {
            listener.messageReceived(plugin, chat, stored);
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
