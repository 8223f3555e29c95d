package org.openchakra.chat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes what Meta reports into chats: inbound customer messages and Business-app echoes. Each write is
 * idempotent on the wamid, so a notification Meta delivers twice (or that is processed twice) changes
 * nothing the second time.
 */
@Repository
public class InboundMessages {

    private static final String CHAT_COLUMNS = ChatRepository.COLUMNS;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ChatMessageRepository messages;
    private final ChatOpening opening;
    private final ChatRepository chats;
    private final InboundBatch batch;

    InboundMessages(
            JdbcClient jdbc,
            JsonMapper json,
            ChatMessageRepository messages,
            ChatOpening opening,
            ChatRepository chats,
            InboundBatch batch) {
        this.batch = batch;
        this.opening = opening;
        this.chats = chats;
        this.jdbc = jdbc;
        this.json = json;
        this.messages = messages;
    }

    /** When the customer last wrote to that number (the start of whatsapp.md's 24-hour window), if ever. */
    public Optional<Instant> lastInboundAt(UUID teamId, String phoneNumberId, String contactIdentifier) {
        return messages.lastInboundAt(teamId, phoneNumberId, contactIdentifier);
    }

    /** The customer's chat on that number, opened (or re-opened, per the team's setting) if need be. */
    public Chat openChat(WhatsappPlugin plugin, String phoneNumberId, String contact, String contactName) {
        return opening.findOrOpen(plugin.teamId(), plugin.id(), phoneNumberId, contact, contactName);
    }

    /** An inbound customer message, as {@link #receive} and {@link #receiveAll} take it. */
    public record Incoming(
            UUID teamId,
            UUID pluginId,
            String phoneNumberId,
            String contact,
            String contactName,
            String wamid,
            String dataType,
            JsonNode body,
            String text,
            JsonNode attachments,
            Instant timestamp,
            String quotedWamid) {}

    /**
     * What an inbound message came to: the chat as the message left it (its name and lead as of that message), and
     * the message, empty when its wamid was known already (Meta's at-least-once delivery).
     */
    public record Received(Chat chat, Optional<ChatMessage> stored) {}

    /**
     * The lead of a customer whose chat has none (whatsapp.md §6), asked with each of the customer's stored messages
     * in turn until it answers one.
     */
    @FunctionalInterface
    public interface LeadMaker {
        Optional<UUID> leadFor(Incoming message);
    }

    /**
     * One inbound message into its customer's chat (opened or re-opened as the team's setting says): the message
     * unless its wamid is known, the chat's window, preview and unread count, and the customer's lead.
     */
    public Received receive(Incoming m, LeadMaker leads) {
        Chat chat =
                opening.findOrOpenToUpdate(m.teamId(), m.pluginId(), m.phoneNumberId(), m.contact(), m.contactName());
        Optional<ChatMessage> stored = insert(new NewMessage(
                chat,
                m.wamid(),
                m.dataType(),
                m.body(),
                m.text(),
                m.attachments(),
                "RECEIVED",
                ChatMessage.INBOUND,
                m.timestamp(),
                "INBOUND",
                m.quotedWamid()));
        if (stored.isEmpty()) {
            return new Received(chat, stored);
        }
        chat = afterInbound(chat, stored.get());
        if (chat.leadId() == null) {
            Chat current = chat;
            chat = leads.leadFor(m).map(lead -> linkLead(current, lead)).orElse(chat);
        }
        return new Received(chat, stored);
    }

    /**
     * The inbound messages of a batch of notifications, in order: the same rows and answers as {@link #receive} one
     * after the other, in a few statements for the whole batch ({@link InboundBatch}).
     */
    public List<Received> receiveAll(List<Incoming> batch, LeadMaker leads) {
        return this.batch.receiveAll(batch, leads);
    }

    /** A message row to insert; {@code deliveryStatus} RECEIVED for inbound, SENT for echoes. */
    public record NewMessage(
            Chat chat,
            String wamid,
            String dataType,
            JsonNode body,
            String text,
            JsonNode attachments,
            String deliveryStatus,
            String direction,
            Instant timestamp,
            String sourceType,
            String quotedWamid) {}

    /** Inserts the message unless its wamid is known already; empty when it was. */
    public Optional<ChatMessage> insert(NewMessage m) {
        Chat chat = m.chat();
        return jdbc.sql("INSERT INTO chat_message AS m (team_id, chat_id, plugin_id, whatsapp_phone_number_id,"
                        + " contact_identifier, external_id, data_type, body, text, attachments, delivery_status,"
                        + " direction, timestamp, source_type, in_reply_to) VALUES (:team, :chat, :plugin, :pnid,"
                        + " :contact, :wamid, :type, CAST(:body AS jsonb), :text, CAST(:attachments AS jsonb), :status,"
                        + " :direction, :at, :source, (SELECT q.id FROM chat_message q WHERE q.plugin_id = :plugin"
                        + " AND q.external_id = :quoted AND q.team_id = :team))"
                        + " ON CONFLICT (plugin_id, external_id) WHERE external_id IS NOT NULL DO NOTHING"
                        + " RETURNING " + ChatMessageRepository.COLUMNS)
                .param("team", chat.teamId())
                .param("chat", chat.id())
                .param("plugin", chat.pluginId())
                .param("pnid", chat.whatsappPhoneNumberId())
                .param("contact", chat.contactIdentifier())
                .param("wamid", m.wamid())
                .param("type", m.dataType())
                .param("body", json.writeValueAsString(m.body()))
                .param("text", m.text())
                .param("attachments", m.attachments() == null ? null : json.writeValueAsString(m.attachments()))
                .param("status", m.deliveryStatus())
                .param("direction", m.direction())
                .param("at", java.sql.Timestamp.from(m.timestamp()))
                .param("source", m.sourceType())
                .param("quoted", m.quotedWamid())
                .query(messages::map)
                .optional();
    }

    /**
     * The chat after an inbound message: window, preview and unread count move forward only (an older
     * message processed late does not replace a newer preview).
     */
    private Chat afterInbound(Chat chat, ChatMessage message) {
        Instant at = message.timestamp();
        // One statement for the window and the chat: a round trip less for every inbound message.
        return jdbc.sql("WITH window_moved AS (INSERT INTO customer_window (team_id, whatsapp_phone_number_id,"
                        + " contact_identifier, last_inbound_at) VALUES (:team, :pnid, :contact, :at)"
                        + " ON CONFLICT (team_id, whatsapp_phone_number_id, contact_identifier) DO UPDATE SET"
                        + " last_inbound_at = greatest(customer_window.last_inbound_at, EXCLUDED.last_inbound_at))"
                        + " UPDATE chat c SET unread_count = c.unread_count + 1,"
                        + " last_inbound_at = greatest(c.last_inbound_at, :at),"
                        + " last_message = CASE WHEN c.last_message_at IS NULL OR c.last_message_at <= :at"
                        + "   THEN jsonb_build_object('id', CAST(:message AS uuid), 'direction', 'INBOUND',"
                        + "   'text', CAST(:text AS text), 'timestamp', CAST(:millis AS bigint)) ELSE c.last_message END,"
                        + " last_message_at = greatest(c.last_message_at, :at), updated_at = now()"
                        + " WHERE c.team_id = :team AND c.id = :id RETURNING " + CHAT_COLUMNS)
                .param("team", chat.teamId())
                .param("id", chat.id())
                .param("at", java.sql.Timestamp.from(at))
                .param("pnid", chat.whatsappPhoneNumberId())
                .param("contact", chat.contactIdentifier())
                .param("message", message.id().toString())
                .param("text", message.text())
                .param("millis", at.toEpochMilli())
                .query(chats::map)
                .single();
    }

    private Chat linkLead(Chat chat, UUID leadId) {
        return jdbc.sql("UPDATE chat c SET lead_id = :lead, updated_at = now() WHERE c.team_id = :team AND c.id = :id"
                        + " RETURNING " + CHAT_COLUMNS)
                .param("team", chat.teamId())
                .param("id", chat.id())
                .param("lead", leadId)
                .query(chats::map)
                .single();
    }
}
