package org.openchakra.inbox;

import java.util.UUID;
import org.openchakra.app.AppController;
import org.openchakra.app.AppUser;
import org.openchakra.chat.Chat;
import org.openchakra.chat.ChatService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** What a person does to a chat (inbox.md §2.4), as the chat API does it: every browser hears of it. */
@AppController
class ChatActionsController {

    private final InboxChats chats;
    private final ChatService chatService;

    ChatActionsController(InboxChats chats, ChatService chatService) {
        this.chats = chats;
        this.chatService = chatService;
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
}
