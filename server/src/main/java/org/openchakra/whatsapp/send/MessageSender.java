package org.openchakra.whatsapp.send;

import java.util.Optional;
import org.openchakra.chat.ChatMessage;
import org.openchakra.chat.OutgoingMessage;
import org.openchakra.chat.OutgoingRecorder;
import org.openchakra.web.ApiException;
import org.openchakra.whatsapp.meta.MetaClient;
import org.openchakra.whatsapp.meta.MetaReply;
import org.openchakra.whatsapp.meta.MetaUnavailableException;
import org.openchakra.whatsapp.plugin.PluginDirectory;
import org.openchakra.whatsapp.plugin.SandboxGraph;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one path every outgoing message takes (whatsapp.md §2, §3): check the sending rules of §8 (the
 * customer's 24-hour window, the sender number's throughput), forward Meta's {@code /messages} body with
 * the plugin's token, then record the chat message {@code SENT} with Meta's wamid or {@code FAILED} with the
 * error. Read receipts and typing indicators are forwarded, not recorded, and not counted. A message the
 * rules refuse ({@link org.openchakra.whatsapp.meta.MetaLocalRefusal}) never reached Meta and is not recorded.
 */
@Service
public class MessageSender {

    private final MetaClient meta;
    private final OutgoingRecorder recorder;
    private final JsonMapper json;
    private final CustomerServiceWindow window;
    private final SenderThroughput throughput;
    private final SandboxGraph sandbox;

    public MessageSender(
            MetaClient meta,
            OutgoingRecorder recorder,
            JsonMapper json,
            CustomerServiceWindow window,
            SenderThroughput throughput,
            SandboxGraph sandbox) {
        this.meta = meta;
        this.recorder = recorder;
        this.json = json;
        this.window = window;
        this.throughput = throughput;
        this.sandbox = sandbox;
    }

    /**
     * Meta's answer, its body as JSON ({@link MetaReply#json}, read once) and, for a message (not a receipt), the
     * recorded chat message.
     */
    public record Outcome(MetaReply reply, JsonNode answer, Optional<ChatMessage> message) {}

    public Outcome send(
            PluginDirectory.Resolved plugin,
            WhatsappPlugin.PhoneNumber from,
            String version,
            JsonNode body,
            SendOrigin origin) {
        return send(plugin, from, version, body, null, origin);
    }

    /**
     * As {@link #send(PluginDirectory.Resolved, WhatsappPlugin.PhoneNumber, String, JsonNode, SendOrigin)}, with
     * {@code wire} the bytes Meta gets for {@code body} (the caller's own, when they pass through unchanged);
     * null: {@code body} written out.
     */
    public Outcome send(
            PluginDirectory.Resolved plugin,
            WhatsappPlugin.PhoneNumber from,
            String version,
            JsonNode body,
            byte[] wire,
            SendOrigin origin) {
        boolean recorded = isMessage(body);
        if (recorded) {
            // The window first: a refused message must not use up one of the number's tokens.
            window.check(plugin.plugin().teamId(), from.id(), body);
            throughput.acquire(from);
        }
        if (plugin.plugin().sandbox() && CustomerServiceWindow.appliesTo(body)) {
            // Each server process has its own sandbox simulator: the customer may have written through
            // another one, which only the database knows.
            window.lastInbound(plugin.plugin().teamId(), from.id(), body)
                    .ifPresent(at -> sandbox.customerWroteAt(from.id(), Recipients.contactOf(body), at));
        }
        byte[] bytes = wire != null ? wire : json.writeValueAsBytes(body);
        MetaReply reply;
        try {
            reply = meta.postJson(plugin.target(), version + "/" + from.id() + "/messages", bytes);
        } catch (MetaUnavailableException e) {
            if (recorded) {
                record(plugin, from, body, origin, null, unavailable(e));
            }
            throw e;
        }
        JsonNode answer = reply.json();
        if (!recorded) {
            return new Outcome(reply, answer, Optional.empty());
        }
        if (reply.ok()) {
            String wamid = answer.path("messages").path(0).path("id").asString("");
            if (wamid.isEmpty()) {
                // Without its wamid the message can never be told apart or followed: failed, and a 502.
                ApiException incomplete = reply.incomplete("the message", "its id (messages[0].id)");
                ArrayNode errors = json.createArrayNode();
                errors.addObject().put("code", HttpStatus.BAD_GATEWAY.value()).put("message", incomplete.getMessage());
                record(plugin, from, body, origin, null, errors);
                throw incomplete;
            }
            return new Outcome(reply, answer, Optional.of(record(plugin, from, body, origin, wamid, null)));
        }
        JsonNode error = answer.path("error");
        ArrayNode errors = json.createArrayNode();
        if (error.isObject()) {
            errors.add(error);
        } else {
            errors.addObject().put("code", reply.status()).put("message", "Meta answered HTTP " + reply.status());
        }
        return new Outcome(reply, answer, Optional.of(record(plugin, from, body, origin, null, errors)));
    }

    /**
     * Hands a message to Meta for a caller that follows the sending rules and records the message itself: a
     * campaign, which takes the number's tokens for a whole batch ({@link SenderThroughput#take}) and records
     * its messages before they go out (templates need no 24-hour window). Meta unreachable or silent throws
     * {@link MetaUnavailableException}.
     */
    public MetaReply sendPrepared(PluginDirectory.Resolved plugin, WhatsappPlugin.PhoneNumber from, JsonNode body) {
        return meta.postJson(
                plugin.target(),
                plugin.plugin().defaultApiVersion() + "/" + from.id() + "/messages",
                json.writeValueAsBytes(body));
    }

    /** A message send, as opposed to a read receipt ({@code status: "read"}) or a typing indicator. */
    public static boolean isMessage(JsonNode body) {
        return body.has("to") && !body.has("status");
    }

    private ChatMessage record(
            PluginDirectory.Resolved plugin,
            WhatsappPlugin.PhoneNumber from,
            JsonNode body,
            SendOrigin origin,
            String wamid,
            JsonNode errors) {
        String text = origin.text() != null ? origin.text() : OutgoingText.of(body);
        return recorder.record(new OutgoingMessage(
                plugin.plugin().teamId(),
                plugin.plugin().id(),
                from.id(),
                Recipients.contactOf(body),
                body.path("type").asString("text"),
                body,
                text,
                errors == null ? "SENT" : "FAILED",
                wamid,
                errors,
                origin.sourceType(),
                origin.sourceId(),
                origin.messageTemplateId(),
                origin.procedureId(),
                origin.processId(),
                body.path("context").path("message_id").asString(null),
                null,
                origin.userId(),
                origin.attachments()));
    }

    private ArrayNode unavailable(MetaUnavailableException e) {
        ArrayNode errors = json.createArrayNode();
        ObjectNode error = errors.addObject();
        error.put("code", e.status().value());
        error.put("title", e.timedOut() ? "Meta timeout" : "Meta unreachable");
        error.put("message", e.getMessage());
        return errors;
    }
}
