package org.openchakra.inbox;

import java.time.Instant;
import java.util.List;
import org.openchakra.app.AppUser;
import org.openchakra.chat.Chat;
import org.openchakra.chat.ChatMessage;
import org.openchakra.chat.ChatService;
import org.springframework.stereotype.Component;

/** Builds what the conversation column shows, for the page, its fragments and the answers of actions. */
@Component
class Conversations {

    /**
     * Messages per load of a conversation: a chat opens at its latest 200 (many screens of reading), and each
     * "earlier messages" brings 200 more above them. A 1 000-message chat opened whole spent most of its load
     * parsing HTML nobody scrolls to at once (bench/README.md, "Inbox rendering"; docs/decisions.md).
     */
    static final int PAGE = 200;
    /** Messages the live update (and an action's answer) compares with what the page shows. */
    static final int RECENT = 50;

    private final ChatService chats;
    private final MessageViews views;
    private final InboxTimes times;
    private final TeamDirectory directory;

    Conversations(ChatService chats, MessageViews views, InboxTimes times, TeamDirectory directory) {
        this.chats = chats;
        this.views = views;
        this.times = times;
        this.directory = directory;
    }

    /** The chat opened: its latest page of messages. */
    ConversationView opened(AppUser me, Chat chat, TeamDirectory.Snapshot team, String listQuery) {
        List<ChatMessage> page = chats.latestMessages(me.teamId(), chat.id(), null, PAGE + 1);
        boolean more = page.size() > PAGE;
        return view(me, chat, team, (more ? page.subList(0, PAGE) : page).reversed(), more, listQuery);
    }

    /** The latest messages and the header, to reconcile with what the page shows. */
    ConversationView recent(AppUser me, Chat chat) {
        TeamDirectory.Snapshot team = directory.of(me.teamId());
        List<ChatMessage> latest =
                chats.latestMessages(me.teamId(), chat.id(), null, RECENT).reversed();
        return view(me, chat, team, latest, false, "");
    }

    private ConversationView view(
            AppUser me,
            Chat chat,
            TeamDirectory.Snapshot team,
            List<ChatMessage> shown,
            boolean earlier,
            String listQuery) {
        Instant windowEnds = chats.windowExpiresAt(chat);
        return new ConversationView(
                chat.id(),
                InboxChats.displayName(chat),
                "+" + chat.contactIdentifier(),
                team.severalNumbers() ? team.number(chat.whatsappPhoneNumberId()) : null,
                Chat.CLOSED.equals(chat.status()),
                chat.assignedTo(),
                team.userName(chat.assignedTo()),
                team.activeUsers().stream()
                        .map(u -> new ConversationView.Person(u.id(), team.userName(u.id())))
                        .toList(),
                windowEnds != null && windowEnds.isAfter(Instant.now()),
                windowEnds == null ? null : times.fullTime(windowEnds, me.zone()),
                views.items(me, chat, shown, team),
                shown.isEmpty() ? null : shown.get(0).id(),
                earlier,
                listQuery);
    }
}
