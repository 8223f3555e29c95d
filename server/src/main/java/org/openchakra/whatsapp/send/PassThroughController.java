package org.openchakra.whatsapp.send;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.openchakra.chat.ChatMessage;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.RequiresPrivilege;
import org.openchakra.web.StorableText;
import org.openchakra.whatsapp.meta.MetaReply;
import org.openchakra.whatsapp.meta.MetaUpstreamException;
import org.openchakra.whatsapp.plugin.PluginDirectory;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * Pass-through messages (whatsapp.md §2): Meta's {@code /messages} body, sent as it is through the plugin's
 * number and recorded as a chat message. Session messages of every type, Meta-format templates, read
 * receipts and typing indicators all come this way.
 */
@RestController
class PassThroughController {

    private final PluginDirectory directory;
    private final MessageSender sender;
    private final JsonMapper json;

    public PassThroughController(PluginDirectory directory, MessageSender sender, JsonMapper json) {
        this.directory = directory;
        this.sender = sender;
        this.json = json;
    }

    /**
     * Answers {@code {whatsappMessageId, chatMessageId, response}} for a message, {@code {success, response}}
     * for a read receipt or typing indicator ({@code response} = Meta's body); Meta's refusals with Meta's
     * status in both clients' shapes (§2.3).
     *
     * <p>The success is written here, not through Spring MVC's converters: once the message went out it must be
     * answered as sent whatever the caller's {@code Accept} says (a 406 would tell it to send again), and the
     * converters' choice of writer was ~9 % of the server's CPU per send (bench/README.md, "Sends, third pass").
     * {@link PassThroughSendFilter} calls this for the usual spelling of the path, without Spring MVC's dispatch.
     */
    @PostMapping("/v1/ext/plugin/whatsapp/{pluginId}/api/{version}/{whatsappPhoneNumberId}/messages")
    @RequiresPrivilege(Privileges.WHATSAPP_SEND)
    @ApiOperation(
            id = "sendMessage",
            summary = "Send Meta's /messages body through the plugin's number, recorded as a chat message",
            body = SendSchemas.MessagesBody.class,
            data = SendSchemas.Sent.class)
    public ResponseEntity<Object> send(
            Caller caller,
            @PathVariable UUID pluginId,
            @PathVariable String version,
            @PathVariable String whatsappPhoneNumberId,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        // Read before answering anything: an unread body would make the connection unusable.
        MessagesBody raw = MessagesBody.read(request);
        PluginDirectory.Resolved plugin = directory.active(caller.teamId(), pluginId);
        WhatsappPlugin.PhoneNumber from = directory.number(plugin, whatsappPhoneNumberId);
        PassThroughChecks.version(version);
        ObjectNode body = raw.parse(json);
        PassThroughChecks.body(body);
        StorableText.check(body);

        MessageSender.Outcome outcome =
                sender.send(plugin, from, version, body, raw.wire(body, json), SendOrigin.passThrough());
        MetaReply reply = outcome.reply();
        if (!reply.ok()) {
            // Relayed by MetaUpstreamExceptionHandler (MetaErrorRelay.relay), on Spring MVC's path and the short one.
            throw new MetaUpstreamException(reply);
        }
        // Meta's object as it came (it read as JSON), not written out again; anything odder as it was read.
        JsonNode answer = outcome.answer();
        Object answerBody = answer.isMissingNode()
                ? null
                : answer.isObject() && MessagesBody.startsWithBrace(reply.body())
                        ? new RawValue(new String(reply.body(), StandardCharsets.UTF_8))
                        : answer;
        Map<String, Object> data = new LinkedHashMap<>();
        if (outcome.message().isPresent()) {
            ChatMessage message = outcome.message().get();
            data.put("whatsappMessageId", message.externalId());
            data.put("chatMessageId", message.id());
        } else {
            data.put("success", true);
        }
        data.put("response", answerBody);
        byte[] bytes = json.writeValueAsBytes(ApiResponse.ok(data));
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        return null; // answered
    }
}
