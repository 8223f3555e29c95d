package org.openchakra.chat;

import java.util.UUID;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.RequiresPrivilege;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Chats and their messages (whatsapp.md §6). Lists answer {@code _meta {total, page, limit, hasMore}}. Beyond
 * the contract: {@code GET /v1/ext/chat/{chatId}} and {@code POST /v1/ext/chat/{chatId}/read}.
 */
@RestController
class ChatController {

    private final ChatService chats;

    public ChatController(ChatService chats) {
        this.chats = chats;
    }

    @PostMapping("/v1/ext/chat")
    @RequiresPrivilege(Privileges.CHAT_READ)
    @ApiOperation(
            id = "listChats",
            summary = "The team's chats, latest message first by default",
            body = ChatSchemas.ChatQuery.class,
            data = ChatSchemas.ChatAnswer[].class,
            meta = ChatSchemas.PageMeta.class)
    public ApiResponse list(Caller caller, @RequestBody(required = false) JsonNode body) {
        Page<Chat> page = chats.list(caller.teamId(), body);
        return ApiResponse.ok(page.map(ChatViews::chat), page.meta());
    }

    @GetMapping("/v1/ext/chat/{chatId}")
    @RequiresPrivilege(Privileges.CHAT_READ)
    @ApiOperation(id = "getChat", summary = "One chat", data = ChatSchemas.ChatAnswer.class)
    public ApiResponse get(Caller caller, @PathVariable UUID chatId) {
        return ApiResponse.ok(ChatViews.chat(chats.get(caller.teamId(), chatId)));
    }

    @PostMapping("/v1/ext/chat/{chatId}/message")
    @RequiresPrivilege(Privileges.CHAT_READ)
    @ApiOperation(
            id = "listChatMessages",
            summary = "A chat's messages, newest first by default",
            body = ChatSchemas.MessageQuery.class,
            data = ChatSchemas.MessageAnswer[].class,
            meta = ChatSchemas.PageMeta.class)
    public ApiResponse messages(
            Caller caller, @PathVariable UUID chatId, @RequestBody(required = false) JsonNode body) {
        Page<ChatMessage> page = chats.messages(caller.teamId(), chatId, body);
        return ApiResponse.ok(page.map(ChatViews::message), page.meta());
    }

    @PostMapping("/v1/ext/plugin/whatsapp/list-chat-messages-for-phone-number")
    @RequiresPrivilege(Privileges.CHAT_READ)
    @ApiOperation(
            id = "listMessagesWithCustomer",
            summary = "Messages with one customer across all chats, newest first",
            body = ChatSchemas.CustomerMessageQuery.class,
            data = ChatSchemas.MessageAnswer[].class,
            meta = ChatSchemas.PageMeta.class)
    public ApiResponse messagesWithCustomer(Caller caller, @RequestBody JsonNode body) {
        Page<ChatMessage> page = chats.messagesWithCustomer(caller.teamId(), body);
        return ApiResponse.ok(page.map(ChatViews::message), page.meta());
    }

    @PostMapping("/v1/ext/chat/{chatId}/close")
    @RequiresPrivilege(Privileges.CHAT_WRITE)
    @ApiOperation(id = "closeChat", summary = "Close a chat", data = ChatSchemas.ChatAnswer.class)
    public ApiResponse close(Caller caller, @PathVariable UUID chatId) {
        return ApiResponse.ok(ChatViews.chat(chats.close(caller.teamId(), chatId)));
    }

    @PostMapping("/v1/ext/chat/{chatId}/reopen")
    @RequiresPrivilege(Privileges.CHAT_WRITE)
    @ApiOperation(id = "reopenChat", summary = "Re-open a closed chat", data = ChatSchemas.ChatAnswer.class)
    public ApiResponse reopen(Caller caller, @PathVariable UUID chatId) {
        return ApiResponse.ok(ChatViews.chat(chats.reopen(caller.teamId(), chatId)));
    }

    @PostMapping("/v1/ext/chat/{chatId}/assign")
    @RequiresPrivilege(Privileges.CHAT_WRITE)
    @ApiOperation(
            id = "assignChat",
            summary = "Assign a chat to a user, or unassign it",
            body = ChatSchemas.Assignment.class,
            data = ChatSchemas.ChatAnswer.class)
    public ApiResponse assign(Caller caller, @PathVariable UUID chatId, @RequestBody JsonNode body) {
        return ApiResponse.ok(ChatViews.chat(chats.assign(caller.teamId(), chatId, body)));
    }

    @PostMapping("/v1/ext/chat/{chatId}/read")
    @RequiresPrivilege(Privileges.CHAT_WRITE)
    @ApiOperation(
            id = "markChatRead",
            summary = "Mark a chat's messages read (unreadCount 0)",
            data = ChatSchemas.ChatAnswer.class)
    public ApiResponse markRead(Caller caller, @PathVariable UUID chatId) {
        return ApiResponse.ok(ChatViews.chat(chats.markRead(caller.teamId(), chatId)));
    }
}
