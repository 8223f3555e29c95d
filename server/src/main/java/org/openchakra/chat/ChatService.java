package org.openchakra.chat;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.common.PhoneNumbers;
import org.openchakra.team.TeamService;
import org.openchakra.user.User;
import org.openchakra.user.UserService;
import org.openchakra.web.ApiException;
import org.openchakra.web.JsonFields;
import org.openchakra.whatsapp.plugin.PluginService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The chat endpoints' rules (whatsapp.md §6): what a request may ask for, and what it names must be the team's. */
@Service
public class ChatService {

    static final List<String> STATUSES = List.of(Chat.OPEN, Chat.CLOSED);
    static final List<String> DIRECTIONS = List.of("asc", "desc");
    private static final int MAX_SEARCH = 200;
    private static final int MAX_META_ID = 64;
    private static final int MAX_USER_REFERENCE = 254;

    private final ChatRepository chats;
    private final ChatMessageRepository messages;
    private final ChatChanges changes;
    private final MessageHistory history;
    private final PluginService plugins;
    private final UserService users;
    private final TeamService teams;

    public ChatService(
            ChatRepository chats,
            ChatMessageRepository messages,
            ChatChanges changes,
            MessageHistory history,
            PluginService plugins,
            UserService users,
            TeamService teams) {
        this.chats = chats;
        this.messages = messages;
        this.changes = changes;
        this.history = history;
        this.plugins = plugins;
        this.users = users;
        this.teams = teams;
    }

    public Page<Chat> list(UUID teamId, JsonNode body) {
        JsonFields f = fields(body);
        ChatOrder.Field field = f.oneOf("orderField", ChatOrder.Field.apiNames())
                .map(ChatOrder.Field::of)
                .orElse(ChatOrder.Field.LAST_MESSAGE_AT);
        boolean descending = newestFirst(f);
        Paging paging = Paging.read(f);
        String search = f.string("search", MAX_SEARCH)
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .orElse(null);
        String status = f.oneOf("status", STATUSES).orElse(null);
        UUID pluginId = f.uuid("pluginId").orElse(null);
        String phoneNumberId = f.string("whatsappPhoneNumberId", MAX_META_ID).orElse(null);
        UUID assignedTo = user(teamId, f).orElse(null);
        f.check();
        requirePlugin(teamId, pluginId);
        return chats.list(
                teamId,
                new ChatFilter(search, status, pluginId, phoneNumberId, assignedTo),
                new ChatOrder(field, descending),
                paging);
    }

    /** The inbox's list: filters already checked by the caller (the web app builds them from its own form). */
    public Page<Chat> list(UUID teamId, ChatFilter filter, ChatOrder order, Paging paging) {
        return chats.list(teamId, filter, order, paging);
    }

    /** The customer's chats with the team on any number, open or closed, newest first. */
    public List<Chat> chatsWithContact(UUID teamId, String contact, int limit) {
        return chats.withContact(teamId, contact, limit);
    }

    /** Unread messages in the open chats a user sees ({@code visibleTo} null: all of the team's). */
    public long unreadTotal(UUID teamId, UUID visibleTo) {
        return chats.unreadTotal(teamId, visibleTo);
    }

    /** Up to {@code limit} messages, newest first, before the given one (null: the latest). */
    public List<ChatMessage> latestMessages(UUID teamId, UUID chatId, ChatMessage before, int limit) {
        return history.latest(
                teamId, chatId, before == null ? null : before.timestamp(), before == null ? null : before.id(), limit);
    }

    /**
     * When the customer's 24-hour window on the chat's number ends (whatsapp.md §8): from their last message
     * to that number in any chat, since closing a chat does not close the window. Null if they never wrote.
     */
    public java.time.Instant windowExpiresAt(Chat chat) {
        return messages.lastInboundAt(chat.teamId(), chat.whatsappPhoneNumberId(), chat.contactIdentifier())
                .map(at -> at.plus(Chat.SERVICE_WINDOW))
                .orElse(null);
    }

    public Optional<ChatMessage> message(UUID teamId, UUID messageId) {
        return messages.find(teamId, messageId);
    }

    public Chat get(UUID teamId, UUID chatId) {
        return chats.find(teamId, chatId).orElseThrow(ChatService::chatNotFound);
    }

    public Page<ChatMessage> messages(UUID teamId, UUID chatId, JsonNode body) {
        JsonFields f = fields(body);
        Paging paging = Paging.read(f);
        boolean newestFirst = newestFirst(f);
        f.check();
        get(teamId, chatId);
        return history.ofChat(teamId, chatId, newestFirst, paging);
    }

    /** Messages with one customer across all chats (any sender number unless narrowed), newest first. */
    public Page<ChatMessage> messagesWithCustomer(UUID teamId, JsonNode body) {
        JsonFields f = fields(body);
        Optional<String> phone = phoneNumber(f, "customerPhoneNumber");
        Paging paging = Paging.read(f);
        boolean newestFirst = newestFirst(f);
        UUID pluginId = f.uuid("pluginId").orElse(null);
        String phoneNumberId = f.string("whatsappPhoneNumberId", MAX_META_ID).orElse(null);
        f.check();
        String countryCode = teams.find(teamId)
                .orElseThrow(() -> ApiException.notFound("Team not found"))
                .defaultCountryCode();
        String contact = PhoneNumbers.normalize(phone.orElseThrow(), countryCode)
                .orElseThrow(() -> ApiException.badRequest(
                        "customerPhoneNumber", "'customerPhoneNumber' is not a valid phone number"));
        requirePlugin(teamId, pluginId);
        return history.ofContact(teamId, contact, pluginId, phoneNumberId, newestFirst, paging);
    }

    @Transactional
    public Chat close(UUID teamId, UUID chatId) {
        return changed(chats.setStatus(teamId, chatId, Chat.CLOSED).orElseThrow(ChatService::chatNotFound));
    }

    /** 409 when another chat of the customer on that number is open: at most one is (index {@code chat_open}). */
    // Not one transaction: PostgreSQL aborts a transaction at the unique violation, and the refusal reads the
    // chat afterwards. The update is one statement; its notice follows its commit.
    public Chat reopen(UUID teamId, UUID chatId) {
        try {
            return changed(chats.setStatus(teamId, chatId, Chat.OPEN).orElseThrow(ChatService::chatNotFound));
        } catch (DuplicateKeyException anotherIsOpen) {
            Chat chat = get(teamId, chatId);
            String open = chats.openChatId(teamId, chat.whatsappPhoneNumberId(), chat.contactIdentifier())
                    .map(id -> " (" + id + ")")
                    .orElse("");
            throw ApiException.conflict(
                    null,
                    "Another chat with " + chat.contactIdentifier() + " on this number is open" + open
                            + "; close it before re-opening this one");
        }
    }

    /** {@code {"assignedTo": <user uuid, username or email>}}; {@code null} unassigns. */
    @Transactional
    public Chat assign(UUID teamId, UUID chatId, JsonNode body) {
        JsonFields f = fields(body);
        if (!f.has("assignedTo")) {
            f.problem("assignedTo", "'assignedTo' is required: a user's id, username or email, or null to unassign");
        }
        UUID user = user(teamId, f).orElse(null);
        f.check();
        return assign(teamId, chatId, user);
    }

    /** Assigns the chat to a user of the team ({@code null} unassigns); the user must be the team's. */
    @Transactional
    public Chat assign(UUID teamId, UUID chatId, UUID userId) {
        UUID previous = get(teamId, chatId).assignedTo();
        Chat chat = chats.assign(teamId, chatId, userId).orElseThrow(ChatService::chatNotFound);
        changes.reassigned(teamId, chatId, previous);
        return chat;
    }

    @Transactional
    public Chat markRead(UUID teamId, UUID chatId) {
        return changed(chats.markRead(teamId, chatId).orElseThrow(ChatService::chatNotFound));
    }

    private Chat changed(Chat chat) {
        changes.changed(chat.teamId(), chat.id());
        return chat;
    }

    private static JsonFields fields(JsonNode body) {
        return JsonFields.of(body == null || body.isNull() ? JsonNodeFactory.instance.objectNode() : body);
    }

    private static boolean newestFirst(JsonFields f) {
        return f.oneOf("orderDirection", DIRECTIONS).map("desc"::equals).orElse(true);
    }

    /** {@code assignedTo} named as processes name users: uuid, username or email, of this team. */
    private Optional<UUID> user(UUID teamId, JsonFields f) {
        return f.string("assignedTo", MAX_USER_REFERENCE).flatMap(reference -> {
            Optional<UUID> id = users.findByReference(teamId, reference).map(User::id);
            if (id.isEmpty()) {
                f.problem("assignedTo", "Unknown user '" + reference + "'");
            }
            return id;
        });
    }

    /** A required phone number, as a string or (as some clients send it) a JSON number. */
    private static Optional<String> phoneNumber(JsonFields f, String field) {
        JsonNode raw = f.raw(field);
        if (raw != null && raw.isIntegralNumber()) {
            return Optional.of(raw.asString());
        }
        return Optional.ofNullable(f.requiredString(field, MAX_META_ID));
    }

    /** A plugin named as a filter must be the team's; an inactive one still has its history. */
    private void requirePlugin(UUID teamId, UUID pluginId) {
        if (pluginId != null && plugins.find(teamId, pluginId).isEmpty()) {
            throw ApiException.notFound("WhatsApp plugin " + pluginId + " not found");
        }
    }

    private static ApiException chatNotFound() {
        return ApiException.notFound("Chat not found");
    }
}
