package org.openchakra.inbox;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import org.openchakra.app.AppController;
import org.openchakra.app.AppUser;
import org.openchakra.chat.Chat;
import org.openchakra.chat.ChatMessage;
import org.openchakra.chat.ChatService;
import org.openchakra.chat.Page;
import org.openchakra.web.ApiException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The inbox page (inbox.md §2): the chat list with its filters, the open conversation and the customer
 * panel, and the fragments htmx and the live updates load into it. Every chat is looked up through
 * {@link InboxChats}, which answers 404 for a chat the user may not see.
 */
@AppController
class InboxController {

    private final InboxChats chats;
    private final ChatService chatService;
    private final MessageViews views;
    private final TeamDirectory directory;
    private final Conversations conversations;
    private final CustomerPanels panels;

    InboxController(
            InboxChats chats,
            ChatService chatService,
            MessageViews views,
            TeamDirectory directory,
            Conversations conversations,
            CustomerPanels panels) {
        this.panels = panels;
        this.chats = chats;
        this.chatService = chatService;
        this.views = views;
        this.directory = directory;
        this.conversations = conversations;
    }

    @GetMapping("/app")
    String inbox(
            AppUser me,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String who,
            @RequestParam(required = false) String number,
            @RequestParam(required = false) String q,
            Model model) {
        TeamDirectory.Snapshot team = directory.of(me.teamId());
        ChatListFilter filter = ChatListFilter.of(status, who, number, q, team);
        list(me, filter, 1, team, model);
        model.addAttribute("conversation", null);
        model.addAttribute("panel", null);
        return "inbox/inbox";
    }

    @GetMapping("/app/chats/{chatId}")
    String chat(
            AppUser me,
            @PathVariable UUID chatId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String who,
            @RequestParam(required = false) String number,
            @RequestParam(required = false) String q,
            HttpServletRequest request,
            Model model) {
        TeamDirectory.Snapshot team = directory.of(me.teamId());
        ChatListFilter filter = ChatListFilter.of(status, who, number, q, team);
        Chat chat = chats.visible(me, chatId);
        if (chat.unreadCount() > 0) {
            // A person opened it: read (the API's readers do not count, decisions.md "Chats").
            chat = chatService.markRead(me.teamId(), chat.id());
        }
        model.addAttribute("conversation", conversations.opened(me, chat, team, filter.query()));
        model.addAttribute("panel", panels.of(me, chat));
        if ("conversation".equals(request.getHeader("HX-Target"))) {
            return "inbox/conversation :: opened";
        }
        list(me, filter, 1, team, model);
        return "inbox/inbox";
    }

    @GetMapping("/app/chat-list")
    String chatList(
            AppUser me,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String who,
            @RequestParam(required = false) String number,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "1") int page,
            HttpServletResponse response,
            Model model) {
        if (page < 1 || page > 100_000) {
            throw ApiException.badRequest("page", "'page' must be a number from 1");
        }
        TeamDirectory.Snapshot team = directory.of(me.teamId());
        list(me, ChatListFilter.of(status, who, number, q, team), page, team, model);
        response.setHeader("X-Inbox-Unread", String.valueOf(chats.unread(me)));
        return page == 1 ? "inbox/chat-list :: rows" : "inbox/chat-list :: more";
    }

    /** One row for a live update: the row if the list with these filters shows the chat, else a removal. */
    @GetMapping("/app/chat-list/rows/{chatId}")
    String chatRow(
            AppUser me,
            @PathVariable UUID chatId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String who,
            @RequestParam(required = false) String number,
            @RequestParam(required = false) String q,
            HttpServletResponse response,
            Model model) {
        TeamDirectory.Snapshot team = directory.of(me.teamId());
        ChatListFilter filter = ChatListFilter.of(status, who, number, q, team);
        response.setHeader("X-Inbox-Unread", String.valueOf(chats.unread(me)));
        model.addAttribute("chatId", chatId);
        model.addAttribute("query", filter.query());
        return chats.listed(me, filter, chatId)
                .map(chat -> {
                    model.addAttribute("r", chats.row(chat, team, me));
                    return "inbox/chat-list :: single";
                })
                .orElse("inbox/chat-list :: removed");
    }

    @GetMapping("/app/chats/{chatId}/earlier")
    String earlier(AppUser me, @PathVariable UUID chatId, @RequestParam UUID before, Model model) {
        Chat chat = chats.visible(me, chatId);
        ChatMessage first = chatService
                .message(me.teamId(), before)
                .filter(m -> m.chatId().equals(chat.id()))
                .orElseThrow(() -> ApiException.notFound("No such message in this chat"));
        TeamDirectory.Snapshot team = directory.of(me.teamId());
        List<ChatMessage> page = chatService.latestMessages(me.teamId(), chat.id(), first, Conversations.PAGE + 1);
        boolean more = page.size() > Conversations.PAGE;
        List<ChatMessage> shown = oldestFirst(more ? page.subList(0, Conversations.PAGE) : page);
        model.addAttribute("chatId", chat.id());
        model.addAttribute("items", views.items(me, chat, shown, team));
        model.addAttribute("earlier", more);
        model.addAttribute(
                "firstMessageId", shown.isEmpty() ? null : shown.get(0).id());
        return "inbox/conversation :: earlier";
    }

    /** The latest messages and the header, for the page to reconcile after a live notice or a reconnect. */
    @GetMapping("/app/chats/{chatId}/recent")
    String recent(AppUser me, @PathVariable UUID chatId, HttpServletResponse response, Model model) {
        Chat chat = chats.visible(me, chatId);
        model.addAttribute("conversation", conversations.recent(me, chat));
        response.setHeader("X-Inbox-Unread", String.valueOf(chats.unread(me)));
        return "inbox/conversation :: recent";
    }

    private void list(AppUser me, ChatListFilter filter, int page, TeamDirectory.Snapshot team, Model model) {
        Page<Chat> found = chats.list(me, filter, page);
        model.addAttribute(
                "rows", found.items().stream().map(c -> chats.row(c, team, me)).toList());
        model.addAttribute("more", found.hasMore());
        model.addAttribute("nextPage", page + 1);
        model.addAttribute("filter", filter);
        model.addAttribute("query", filter.query());
        model.addAttribute("numbers", team.severalNumbers() ? team.numbers() : java.util.Map.of());
        model.addAttribute("unread", chats.unread(me));
    }

    private static List<ChatMessage> oldestFirst(List<ChatMessage> newestFirst) {
        return newestFirst.reversed();
    }
}
