package org.openchakra.whatsapp.templatemessage;

import java.util.UUID;
import org.openchakra.chat.ChatSchemas;
import org.openchakra.chat.ChatViews;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.RequiresPrivilege;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Template sends in Chakra's format (whatsapp.md §3); the answer is the sent chat message (§6). */
@RestController
class TemplateMessageController {

    private final TemplateMessageService messages;

    public TemplateMessageController(TemplateMessageService messages) {
        this.messages = messages;
    }

    @PostMapping("/v1/ext/plugin/whatsapp/{pluginId}/phoneNumber/{phoneNumber}/send-template-message")
    @RequiresPrivilege(Privileges.WHATSAPP_SEND)
    @ApiOperation(
            id = "sendTemplateToPhoneNumber",
            summary = "Send an approved template to a phone number",
            body = TemplateMessageSchemas.TemplateSend.class,
            data = ChatSchemas.MessageAnswer.class)
    public ApiResponse toPhoneNumber(
            Caller caller, @PathVariable UUID pluginId, @PathVariable String phoneNumber, @RequestBody JsonNode body) {
        return ApiResponse.ok(ChatViews.message(messages.toPhoneNumber(caller, pluginId, phoneNumber, body)));
    }

    @PostMapping("/v1/ext/plugin/whatsapp/{pluginId}/process/{proc}/{primaryKeyOrId}/send-template-message")
    @RequiresPrivilege(Privileges.WHATSAPP_SEND)
    @ApiOperation(
            id = "sendTemplateToProcess",
            summary = "Send an approved template to a process's primary phone; the message is linked to it",
            body = TemplateMessageSchemas.TemplateSend.class,
            data = ChatSchemas.MessageAnswer.class)
    public ApiResponse toProcess(
            Caller caller,
            @PathVariable UUID pluginId,
            @PathVariable String proc,
            @PathVariable String primaryKeyOrId,
            @RequestBody JsonNode body) {
        return ApiResponse.ok(ChatViews.message(messages.toProcess(caller, pluginId, proc, primaryKeyOrId, body)));
    }
}
