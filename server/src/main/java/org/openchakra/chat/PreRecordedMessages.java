package org.openchakra.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Messages recorded before they are handed to Meta (a campaign's sends, campaigns.md §3): written
 * {@code PENDING}, in the caller's transaction, then marked {@code SENT} with Meta's wamid or {@code FAILED}
 * once the outcome is known. A message whose send was cut short by a crash stays {@code PENDING} until its
 * outcome is learnt, so the chat shows what may have gone out. The outgoing-message listeners (customer echo
 * events) hear of a message when it becomes {@code SENT}, in the transaction that marks it.
 */
@Component
public class PreRecordedMessages {

    private final ChatMessageRepository messages;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final List<OutgoingMessageListener> listeners;

    PreRecordedMessages(
            ChatMessageRepository messages, JdbcClient jdbc, JsonMapper json, List<OutgoingMessageListener> listeners) {
        this.messages = messages;
        this.jdbc = jdbc;
        this.json = json;
        this.listeners = List.copyOf(listeners);
    }

    /** Records {@code pending} ({@code deliveryStatus} PENDING) in the caller's transaction; answers them in order. */
    public List<ChatMessage> recordPending(List<OutgoingMessage> pending) {
        if (pending.isEmpty()) {
            return List.of();
        }
        Map<Integer, ChatMessage> written = messages.insertAll(pending);
        List<ChatMessage> recorded = new ArrayList<>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            ChatMessage row = written.get(i);
            // Teams that re-open closed chats go through the one-row statement, which places them as ChatOpening does.
            recorded.add(row != null ? row : messages.recordOutgoing(pending.get(i)));
        }
        return recorded;
    }

    /** A message Meta accepted, under its wamid. */
    public record Sent(UUID teamId, UUID messageId, String wamid) {}

    /** A message Meta refused, or whose outcome is given up on, with the error objects to show. */
    public record Failed(UUID teamId, UUID messageId, JsonNode errors) {}

    /**
     * Marks messages SENT with their wamid, in the caller's transaction. Only a message without a wamid yet
     * moves (PENDING, or FAILED for an unknown outcome that Meta's statuses later resolve); answers those.
     */
    public List<ChatMessage> markSent(List<Sent> sent) {
        if (sent.isEmpty()) {
            return List.of();
        }
        ArrayNode rows = json.createArrayNode();
        for (Sent s : sent) {
            ObjectNode row = rows.addObject();
            row.put("id", s.messageId().toString());
            row.put("team", s.teamId().toString());
            row.put("wamid", s.wamid());
        }
        List<ChatMessage> moved = jdbc.sql("UPDATE chat_message m SET delivery_status = 'SENT', external_id = r.wamid,"
                        + " errors = NULL, updated_at = now()"
                        + " FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(id uuid, team uuid, wamid text)"
                        + " WHERE m.id = r.id AND m.team_id = r.team AND m.external_id IS NULL"
                        + " AND m.delivery_status IN ('PENDING', 'FAILED')"
                        + " RETURNING " + ChatMessageRepository.COLUMNS)
                .param("rows", json.writeValueAsString(rows))
                .query(messages::map)
                .list();
        moved.forEach(m -> listeners.forEach(l -> l.recorded(m)));
        return moved;
    }

    /** Marks messages FAILED with {@code errors}, in the caller's transaction, unless Meta's wamid is known. */
    public void markFailed(List<Failed> failed) {
        if (failed.isEmpty()) {
            return;
        }
        ArrayNode rows = json.createArrayNode();
        for (Failed f : failed) {
            ObjectNode row = rows.addObject();
            row.put("id", f.messageId().toString());
            row.put("team", f.teamId().toString());
            row.set("errors", f.errors());
        }
        jdbc.sql("UPDATE chat_message m SET delivery_status = 'FAILED', errors = r.errors, updated_at = now()"
                        + " FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(id uuid, team uuid, errors jsonb)"
                        + " WHERE m.id = r.id AND m.team_id = r.team AND m.external_id IS NULL"
                        + " AND m.delivery_status = 'PENDING'")
                .param("rows", json.writeValueAsString(rows))
                .update();
    }
}
