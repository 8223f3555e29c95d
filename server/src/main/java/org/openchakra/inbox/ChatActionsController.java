package org.openchakra.inbox;

import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.openchakra.app.AppController;
import org.openchakra.app.AppMessages;
import org.openchakra.app.AppUser;
import org.openchakra.chat.Chat;
import org.openchakra.chat.ChatService;
import org.openchakra.web.ApiException;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What a person does to a chat (inbox.md §2.4): assign (to anyone active of the team, or to oneself),
 * unassign, close, re-open, mark as read. They go through the chat service as the API's do, so every browser
 * that may see the chat hears of it. An action answers the conversation's recent state; one that takes the
 * chat out of the person's sight (assigned to someone else, without {@code chat:all}) sends the page back to
 * the list.
 */
@AppController
class ChatActionsController {

    private final InboxChats chats;
    private final ChatService chatService;
    private final Conversations conversations;
    private final TeamDirectory directory;
    private final AppMessages messages;

    ChatActionsController(
            InboxChats chats,
            ChatService chatService,
            Conversations conversations,
            TeamDirectory directory,
            AppMessages messages) {
        this.chats = chats;
        this.chatService = chatService;
        this.conversations = conversations;
        this.directory = directory;
        this.messages = messages;
    }

    /** Mark as read: the page does it when new messages arrive in the chat a person has open. */
    @PostMapping("/app/chats/{chatId}/read")
    ResponseEntity<Void> read(AppUser me, @PathVariable UUID chatId) {
        Chat chat = chats.visible(me, chatId);
        if (chat.unreadCount() > 0) {
            chatService.markRead(me.teamId(), chat.id());
        }
        return ResponseEntity.noContent().build();
    }

    /** {@code assignee}: a user id of the team, {@code me}, or empty to unassign. */
    @PostMapping("/app/chats/{chatId}/assign")
    String assign(
            AppUser me,
            @PathVariable UUID chatId,
            @RequestParam(required = false) String assignee,
            HttpServletResponse response,
            Model model) {
        Chat chat = chats.visible(me, chatId);
        UUID to = null;
        if ("me".equals(assignee)) {
            to = me.id();
        } else if (assignee != null && !assignee.isBlank()) {
            UUID id;
            try {
                id = UUID.fromString(assignee.strip());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("assignee", messages.text("assign.unknown"));
            }
            if (directory.of(me.teamId()).activeUsers().stream().noneMatch(u -> u.id().equals(id))) {
                throw ApiException.badRequest("assignee", messages.text("assign.unknown"));
            }
            to = id;
        }
        Chat changed = chatService.assign(me.teamId(), chat.id(), to);
        return answer(me, changed, response, model);
    }

    @PostMapping("/app/chats/{chatId}/close")
    String close(AppUser me, @PathVariable UUID chatId, HttpServletResponse response, Model model) {
        Chat chat = chats.visible(me, chatId);
        return answer(me, chatService.close(me.teamId(), chat.id()), response, model);
    }

    @PostMapping("/app/chats/{chatId}/reopen")
    String reopen(AppUser me, @PathVariable UUID chatId, HttpServletResponse response, Model model) {
        Chat chat = chats.visible(me, chatId);
        return answer(me, chatService.reopen(me.teamId(), chat.id()), response, model);
    }

    private String answer(AppUser me, Chat chat, HttpServletResponse response, Model model) {
        if (!InboxChats.canSee(me, chat)) {
            response.setHeader("HX-Redirect", "/app");
            return "inbox/conversation :: nothing";
        }
        model.addAttribute("conversation", conversations.recent(me, chat));
        response.setHeader("X-Inbox-Unread", String.valueOf(chats.unread(me)));
        return "inbox/conversation :: recent";
    }
}
