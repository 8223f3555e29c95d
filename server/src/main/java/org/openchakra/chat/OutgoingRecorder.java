package org.openchakra.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;
import org.openchakra.common.GroupCommit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records outgoing messages (what {@link ChatMessageRepository#recordOutgoing} does), several at a time when
 * several sends finish together: one statement and one commit for all of them instead of one each. Every
 * caller still returns only once its own message is committed.
 *
 * <p>One writer thread takes whatever is queued, writes it, and takes the next lot, so that batches grow with
 * the load by themselves and a message alone is written at once (through the one-row statement). Callers wait
 * on their own message only: waiting for a lock that each of them had to take in turn made every batch a convoy
 * of wake-ups. If a batch fails, its messages are written one by one, so that one bad message fails only its
 * own send.
 */
@Component
public class OutgoingRecorder implements DisposableBean {

    static final int MAX_BATCH = 200;

    private final ChatMessageRepository messages;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final TransactionTemplate tx;
    private final List<OutgoingMessageListener> listeners;

    public OutgoingRecorder(
            ChatMessageRepository messages,
            JdbcClient jdbc,
            JsonMapper json,
            TransactionTemplate tx,
            List<OutgoingMessageListener> listeners) {
        this.tx = tx;
        this.listeners = List.copyOf(listeners);
        this.messages = messages;
        this.jdbc = jdbc;
        this.json = json;
        // A platform thread: on a virtual one, each of its statements queued for a carrier behind every
        // request being served, and under load the loop crawled (PostgreSQL sat idle in transaction).
        this.writer = Thread.ofPlatform()
                .daemon()
                .name("outgoing-recorder")
                .start(() -> GroupCommit.writeLoop(queue, MAX_BATCH, this::writeOrFail));
    }

    private record Pending(OutgoingMessage message, CompletableFuture<ChatMessage> recorded) {}

    public ChatMessage record(OutgoingMessage message) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // Inside the caller's transaction the row must be written on its connection.
            ChatMessage recorded = messages.recordOutgoing(message);
            listeners.forEach(l -> l.recorded(recorded));
            return recorded;
        }
        Pending mine = new Pending(message, new CompletableFuture<>());
        queue.add(mine);
        return GroupCommit.await(mine.recorded());
    }

    private void writeOrFail(List<Pending> batch) {
        try {
            write(batch);
        } catch (RuntimeException | Error e) {
            batch.forEach(p -> p.recorded().completeExceptionally(e));
        }
    }

    private void write(List<Pending> batch) {
        List<Pending> oneByOne = batch;
        if (batch.size() > 1) {
            try {
                // The listeners' writes (customer webhook events) commit with the messages or not at all.
                Map<Integer, ChatMessage> written = tx.execute(status -> {
                    Map<Integer, ChatMessage> rows = insert(batch);
                    rows.values().forEach(m -> listeners.forEach(l -> l.recorded(m)));
                    return rows;
                });
                oneByOne = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    ChatMessage row = written.get(i);
                    if (row != null) {
                        batch.get(i).recorded().complete(row);
                    } else {
                        oneByOne.add(batch.get(i));
                    }
                }
            } catch (RuntimeException batchFailed) {
                // Written one by one below: only the message at fault fails.
            }
        }
        for (Pending p : oneByOne) {
            try {
                p.recorded().complete(tx.execute(status -> {
                    ChatMessage written = messages.recordOutgoing(p.message());
                    listeners.forEach(l -> l.recorded(written));
                    return written;
                }));
            } catch (RuntimeException e) {
                p.recorded().completeExceptionally(e);
            }
        }
    }

    /** Stops the writer; a message still queued (none, after a graceful shutdown) fails its send. */
    @Override
    public void destroy() throws InterruptedException {
        writer.interrupt();
        writer.join(Duration.ofSeconds(10));
        IllegalStateException stopped = new IllegalStateException("The server is shutting down");
        for (Pending p = queue.poll(); p != null; p = queue.poll()) {
            p.recorded().completeExceptionally(stopped);
        }
    }

    /**
     * The one-row statement of {@link ChatMessageRepository#recordOutgoing} over a JSON array of messages:
     * each customer's open chat is moved, or a chat opened, once (to the batch's last message to that
     * customer), then every message is inserted into its chat. Messages of teams that re-open closed chats
     * ({@code reopenClosedChats}) are left out, for {@link ChatOpening}'s one-row statement to place them.
     * Answers the written messages by their index in the batch.
     */
    private Map<Integer, ChatMessage> insert(List<Pending> batch) {
        ArrayNode rows = json.createArrayNode();
        for (int i = 0; i < batch.size(); i++) {
            OutgoingMessage m = batch.get(i).message();
            ObjectNode row = rows.addObject();
            row.put("ord", i);
            row.put("team", m.teamId().toString());
            row.put("plugin", m.pluginId().toString());
            row.put("pnid", m.whatsappPhoneNumberId());
            row.put("contact", m.contactIdentifier());
            row.put("external_id", m.externalId());
            row.put("data_type", m.dataType());
            row.set("body", m.body());
            row.put("text", m.text());
            row.put("status", m.deliveryStatus());
            row.put("template_id", m.messageTemplateId());
            row.put("source_type", m.sourceType());
            row.put("source_id", m.sourceId());
            row.set("errors", m.errors());
            row.put(
                    "procedure",
                    m.procedureId() == null ? null : m.procedureId().toString());
            row.put("process", m.processId() == null ? null : m.processId().toString());
            row.put("quoted", m.quotedWamid());
            row.put("user_id", m.userId() == null ? null : m.userId().toString());
            row.set("attachments", m.attachments());
        }
        return jdbc
                .sql("""
                WITH rows AS MATERIALIZED (
                    SELECT uuidv7() AS id, now() AS at, r.*
                    FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(ord int, team uuid, plugin uuid, pnid text,
                        contact text, external_id text, data_type text, body jsonb, text text, status text,
                        template_id text, source_type text, source_id text, errors jsonb, procedure uuid,
                        process uuid, quoted text, user_id uuid, attachments jsonb)
                    WHERE NOT coalesce((SELECT t.reopen_closed_chats FROM team t WHERE t.id = r.team), false)
                ), chat_rows AS (
                    INSERT INTO chat AS c (team_id, plugin_id, whatsapp_phone_number_id, contact_identifier,
                                           last_message_at, last_message)
                    SELECT DISTINCT ON (team, pnid, contact) team, plugin, pnid, contact, at,
                        jsonb_build_object('id', id, 'direction', 'OUTBOUND', 'text', text,
                            'timestamp', (extract(epoch FROM at) * 1000)::bigint)
                    FROM rows
                    ORDER BY team, pnid, contact, ord DESC
                    ON CONFLICT (team_id, whatsapp_phone_number_id, contact_identifier) WHERE status = 'OPEN'
                    DO UPDATE SET last_message_at = EXCLUDED.last_message_at, last_message = EXCLUDED.last_message,
                                  updated_at = now()
                    RETURNING c.id, c.team_id, c.whatsapp_phone_number_id, c.contact_identifier
                ), inserted AS (
                    INSERT INTO chat_message AS m (id, team_id, chat_id, plugin_id, whatsapp_phone_number_id,
                        contact_identifier, external_id, data_type, body, text, delivery_status, direction, timestamp,
                        message_template_id, source_type, source_id, errors, procedure_id, process_id, user_id,
                        attachments, in_reply_to)
                    SELECT r.id, r.team, chat_rows.id, r.plugin, r.pnid, r.contact, r.external_id, r.data_type,
                        r.body, r.text, r.status, 'OUTBOUND', r.at, r.template_id, r.source_type, r.source_id,
                        r.errors, r.procedure, r.process, r.user_id, r.attachments,
                        (SELECT q.id FROM chat_message q WHERE q.plugin_id = r.plugin AND q.external_id = r.quoted
                            AND q.team_id = r.team)
                    FROM rows r
                    JOIN chat_rows ON chat_rows.team_id = r.team AND chat_rows.whatsapp_phone_number_id = r.pnid
                        AND chat_rows.contact_identifier = r.contact
                    RETURNING m.*
                )
                SELECT rows.ord AS batch_index,""" + " " + ChatMessageRepository.COLUMNS + " FROM inserted m JOIN rows ON rows.id = m.id")
                .param("rows", json.writeValueAsString(rows))
                .query((rs, n) -> Map.entry(rs.getInt("batch_index"), messages.map(rs, n)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
