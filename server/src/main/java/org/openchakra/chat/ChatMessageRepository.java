package org.openchakra.chat;

import java.io.StringWriter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.openchakra.common.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Chat messages, and the chat bookkeeping that comes with each one. */
@Repository
class ChatMessageRepository {

    public static final String COLUMNS = "m.id, m.team_id, m.chat_id, m.plugin_id, m.whatsapp_phone_number_id,"
            + " m.contact_identifier, m.external_id, m.provider, m.data_type, m.body, m.text, m.attachments,"
            + " m.delivery_status, m.direction, m.timestamp, m.message_template_id, m.source_type, m.source_id,"
            + " m.errors, m.user_id, m.procedure_id, m.process_id, m.campaign_id, m.in_reply_to, m.created_at,"
            + " m.updated_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ChatOpening opening;

    public ChatMessageRepository(JdbcClient jdbc, JsonMapper json, ChatOpening opening) {
        this.jdbc = jdbc;
        this.json = json;
        this.opening = opening;
    }

    /**
     * Records an outgoing message in one statement (one round trip on the send path): finds or opens the
     * customer's chat on that number as {@link ChatOpening} does (honouring the team's {@code reopenClosedChats}),
     * moves its {@code lastMessageAt} and preview, and inserts the message. The message id is made first so
     * that the chat row is written once (PostgreSQL does not define the outcome of two sub-statements changing
     * one row).
     */
    public ChatMessage recordOutgoing(OutgoingMessage m) {
        String sql = "WITH ids AS (SELECT uuidv7() AS id, now() AS at), "
                + ChatOpening.ctes(
                        """
                        SELECT ids.at AS last_message_at, jsonb_build_object('id', ids.id, 'direction', 'OUTBOUND',
                            'text', CAST(:text AS text), 'timestamp', (extract(epoch FROM ids.at) * 1000)::bigint)
                            AS last_message
                        FROM ids""",
                        List.of("last_message_at", "last_message"),
                        "last_message_at = %1$s.last_message_at, last_message = %1$s.last_message")
                + """
                , inserted AS (
                    INSERT INTO chat_message AS m (id, team_id, chat_id, plugin_id, whatsapp_phone_number_id,
                        contact_identifier, external_id, data_type, body, text, delivery_status, direction, timestamp,
                        message_template_id, source_type, source_id, errors, procedure_id, process_id, campaign_id,
                        user_id, attachments, in_reply_to)
                    SELECT ids.id, :team, chat_row.id, :plugin, :pnid, :contact, :externalId, :dataType,
                        CAST(:body AS jsonb), :text, :status, 'OUTBOUND', ids.at, :templateId, :sourceType, :sourceId,
                        CAST(:errors AS jsonb), :procedure, :process, :campaign, :user, CAST(:attachments AS jsonb),
                        (SELECT q.id FROM chat_message q WHERE q.plugin_id = :plugin AND q.external_id = :quoted
                            AND q.team_id = :team)
                    FROM chat_row, ids
                    RETURNING m.*
                )
                SELECT""" + " " + COLUMNS + " FROM inserted m";
        return opening.retryingARace(() -> jdbc.sql(sql)
                .param("team", m.teamId())
                .param("plugin", m.pluginId())
                .param("pnid", m.whatsappPhoneNumberId())
                .param("contact", m.contactIdentifier())
                .param("externalId", m.externalId())
                .param("dataType", m.dataType())
                .param("body", json.writeValueAsString(m.body()))
                .param("text", m.text())
                .param("status", m.deliveryStatus())
                .param("templateId", m.messageTemplateId())
                .param("sourceType", m.sourceType())
                .param("sourceId", m.sourceId())
                .param("errors", m.errors() == null ? null : json.writeValueAsString(m.errors()))
                .param("procedure", m.procedureId())
                .param("process", m.processId())
                .param("campaign", m.campaignId())
                .param("quoted", m.quotedWamid())
                .param("user", m.userId())
                .param("attachments", m.attachments() == null ? null : json.writeValueAsString(m.attachments()))
                .query(this::map)
                .single());
    }

    /**
     * The one-row statement of {@link #recordOutgoing} over a JSON array of messages: each customer's open chat
     * is moved, or a chat opened, once (to the batch's last message to that customer), then every message is
     * inserted into its chat. Messages of teams that re-open closed chats ({@code reopenClosedChats}) are left
     * out, for {@link ChatOpening}'s one-row statement to place them. Answers the written messages by their
     * index in the list.
     */
    Map<Integer, ChatMessage> insertAll(List<OutgoingMessage> batch) {
        String rows = rowsJson(batch);
        return jdbc
                .sql("""
                WITH rows AS MATERIALIZED (
                    SELECT uuidv7() AS id, now() AS at, r.*
                    FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(ord int, team uuid, plugin uuid, pnid text,
                        contact text, external_id text, data_type text, body jsonb, text text, status text,
                        template_id text, source_type text, source_id text, errors jsonb, procedure uuid,
                        process uuid, campaign uuid, quoted text, user_id uuid, attachments jsonb)
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
                        message_template_id, source_type, source_id, errors, procedure_id, process_id, campaign_id,
                        user_id, attachments, in_reply_to)
                    SELECT r.id, r.team, chat_rows.id, r.plugin, r.pnid, r.contact, r.external_id, r.data_type,
                        r.body, r.text, r.status, 'OUTBOUND', r.at, r.template_id, r.source_type, r.source_id,
                        r.errors, r.procedure, r.process, r.campaign, r.user_id, r.attachments,
                        (SELECT q.id FROM chat_message q WHERE q.plugin_id = r.plugin AND q.external_id = r.quoted
                            AND q.team_id = r.team)
                    FROM rows r
                    JOIN chat_rows ON chat_rows.team_id = r.team AND chat_rows.whatsapp_phone_number_id = r.pnid
                        AND chat_rows.contact_identifier = r.contact
                    RETURNING m.id, m.chat_id, m.provider, m.timestamp, m.in_reply_to, m.created_at, m.updated_at
                )
                SELECT rows.ord AS batch_index, m.* FROM inserted m JOIN rows ON rows.id = m.id""")
                .param("rows", rows)
                .query((rs, n) -> {
                    int index = rs.getInt("batch_index");
                    return Map.entry(index, written(batch.get(index), rs));
                })
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * The batch as the JSON array {@link #insertAll} reads with {@code jsonb_to_recordset}, written straight out
     * rather than built as a tree first: this runs for every message sent (the tree and its writing were ~6 % of
     * the server's CPU per send).
     */
    private String rowsJson(List<OutgoingMessage> batch) {
        StringWriter out = new StringWriter(batch.size() * 512);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartArray();
            for (int i = 0; i < batch.size(); i++) {
                OutgoingMessage m = batch.get(i);
                g.writeStartObject();
                g.writeNumberProperty("ord", i);
                g.writeStringProperty("team", m.teamId().toString());
                g.writeStringProperty("plugin", m.pluginId().toString());
                g.writeStringProperty("pnid", m.whatsappPhoneNumberId());
                g.writeStringProperty("contact", m.contactIdentifier());
                g.writeStringProperty("external_id", m.externalId());
                g.writeStringProperty("data_type", m.dataType());
                tree(g, "body", m.body());
                g.writeStringProperty("text", m.text());
                g.writeStringProperty("status", m.deliveryStatus());
                g.writeStringProperty("template_id", m.messageTemplateId());
                g.writeStringProperty("source_type", m.sourceType());
                g.writeStringProperty("source_id", m.sourceId());
                tree(g, "errors", m.errors());
                g.writeStringProperty("procedure", text(m.procedureId()));
                g.writeStringProperty("process", text(m.processId()));
                g.writeStringProperty("campaign", text(m.campaignId()));
                g.writeStringProperty("quoted", m.quotedWamid());
                g.writeStringProperty("user_id", text(m.userId()));
                tree(g, "attachments", m.attachments());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        return out.toString();
    }

    private static void tree(JsonGenerator g, String name, JsonNode value) {
        g.writeName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeTree(value);
        }
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }

    /**
     * A message of {@link #insertAll} as written: what the database made (ids, times, the quoted message) with the
     * rest as given, which the row holds unchanged, so that nothing is read back and parsed again.
     */
    private static ChatMessage written(OutgoingMessage m, ResultSet rs) throws SQLException {
        return new ChatMessage(
                rs.getObject("id", UUID.class),
                m.teamId(),
                rs.getObject("chat_id", UUID.class),
                m.pluginId(),
                m.whatsappPhoneNumberId(),
                m.contactIdentifier(),
                m.externalId(),
                rs.getString("provider"),
                m.dataType(),
                m.body(),
                m.text(),
                m.attachments(),
                m.deliveryStatus(),
                ChatMessage.OUTBOUND,
                Rows.instant(rs, "timestamp"),
                m.messageTemplateId(),
                m.sourceType(),
                m.sourceId(),
                m.errors(),
                m.userId(),
                m.procedureId(),
                m.processId(),
                m.campaignId(),
                rs.getObject("in_reply_to", UUID.class),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"));
    }

    public Optional<ChatMessage> find(UUID teamId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM chat_message m WHERE m.team_id = :team AND m.id = :id")
                .param("team", teamId)
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** The customer's last message to this sender number (the 24-hour window, whatsapp.md §8), if any. */
    public Optional<Instant> lastInboundAt(UUID teamId, String phoneNumberId, String contactIdentifier) {
        return jdbc.sql("SELECT last_inbound_at FROM customer_window WHERE team_id = :team"
                        + " AND whatsapp_phone_number_id = :pnid AND contact_identifier = :contact")
                .param("team", teamId)
                .param("pnid", phoneNumberId)
                .param("contact", contactIdentifier)
                .query((rs, n) -> Rows.instant(rs, "last_inbound_at"))
                .optional();
    }

    public ChatMessage map(ResultSet rs, int row) throws SQLException {
        return new ChatMessage(
                rs.getObject("id", UUID.class),
                rs.getObject("team_id", UUID.class),
                rs.getObject("chat_id", UUID.class),
                rs.getObject("plugin_id", UUID.class),
                rs.getString("whatsapp_phone_number_id"),
                rs.getString("contact_identifier"),
                rs.getString("external_id"),
                rs.getString("provider"),
                rs.getString("data_type"),
                jsonOrNull(rs.getString("body")),
                rs.getString("text"),
                jsonOrNull(rs.getString("attachments")),
                rs.getString("delivery_status"),
                rs.getString("direction"),
                Rows.instant(rs, "timestamp"),
                rs.getString("message_template_id"),
                rs.getString("source_type"),
                rs.getString("source_id"),
                jsonOrNull(rs.getString("errors")),
                rs.getObject("user_id", UUID.class),
                rs.getObject("procedure_id", UUID.class),
                rs.getObject("process_id", UUID.class),
                rs.getObject("campaign_id", UUID.class),
                rs.getObject("in_reply_to", UUID.class),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"));
    }

    private JsonNode jsonOrNull(String text) {
        return text == null ? null : json.readTree(text);
    }
}
