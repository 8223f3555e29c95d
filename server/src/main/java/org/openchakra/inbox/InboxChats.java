package org.openchakra.inbox;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.app.AppMessages;
import org.openchakra.app.AppUser;
import org.openchakra.chat.Chat;
import org.openchakra.chat.ChatFilter;
import org.openchakra.chat.ChatOrder;
import org.openchakra.chat.ChatService;
import org.openchakra.chat.Page;
import org.openchakra.chat.Paging;
import org.openchakra.web.ApiException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * The chats a user of the inbox may see (inbox.md §2): all of the team's with {@code chat:all}, else those
 * assigned to them and the unassigned. A chat they may not see is as absent as another team's: 404.
 */
@Service
class InboxChats {

    static final int LIST_PAGE = 30;

    private final ChatService chats;
    private final InboxTimes times;
    private final AppMessages messages;

    InboxChats(ChatService chats, InboxTimes times, AppMessages messages) {
        this.chats = chats;
        this.times = times;
        this.messages = messages;
    }

    Page<Chat> list(AppUser me, ChatListFilter filter, int page) {
        return chats.list(
                me.teamId(),
                filter.toChatFilter(me),
                new ChatOrder(ChatOrder.Field.LAST_MESSAGE_AT, true),
                new Paging(page, LIST_PAGE));
    }

    /** The chat if the list with these filters shows it (for a live update of one row). */
    Optional<Chat> listed(AppUser me, ChatListFilter filter, UUID chatId) {
        ChatFilter one = filter.toChatFilter(me).withChat(chatId);
        List<Chat> found = chats.list(
                        me.teamId(), one, new ChatOrder(ChatOrder.Field.LAST_MESSAGE_AT, true), new Paging(1, 1))
                .items();
        return found.stream().findFirst();
    }

    Chat visible(AppUser me, UUID chatId) {
        Chat chat = chats.get(me.teamId(), chatId);
        if (!canSee(me, chat)) {
            throw ApiException.notFound(messages.text("chat.notFound"));
        }
        return chat;
    }

    static boolean canSee(AppUser me, Chat chat) {
        return chat.teamId().equals(me.teamId())
                && (me.seesAllChats()
                        || chat.assignedTo() == null
                        || chat.assignedTo().equals(me.id()));
    }

    long unread(AppUser me) {
        return chats.unreadTotal(me.teamId(), me.seesAllChats() ? null : me.id());
    }

    ChatRow row(Chat chat, TeamDirectory.Snapshot team, AppUser me) {
        JsonNode last = chat.lastMessage();
        String preview = last == null ? "" : last.path("text").asString("");
        if (last != null && preview.isBlank()) {
            preview = messages.text("chat.preview.media");
        }
        return new ChatRow(
                chat.id(),
                displayName(chat),
                "+" + chat.contactIdentifier(),
                preview.length() > 120 ? preview.substring(0, 120) + "…" : preview,
                last != null && "OUTBOUND".equals(last.path("direction").asString("")),
                times.shortTime(chat.lastMessageAt(), me.zone()),
                times.fullTime(chat.lastMessageAt(), me.zone()),
                chat.lastMessageAt() == null ? 0 : chat.lastMessageAt().toEpochMilli(),
                chat.unreadCount(),
                team.userName(chat.assignedTo()),
                team.severalNumbers() ? team.number(chat.whatsappPhoneNumberId()) : null,
                Chat.CLOSED.equals(chat.status()));
    }

    static String displayName(Chat chat) {
        return chat.contactName() != null && !chat.contactName().isBlank()
                ? chat.contactName()
                : "+" + chat.contactIdentifier();
    }
}
