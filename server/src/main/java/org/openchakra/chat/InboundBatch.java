package org.openchakra.chat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openchakra.common.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inbound messages of a batch of notifications with one statement of each kind for the whole batch (issue 15):
 * one message at a time ({@link InboundMessages#receive}) found or opened its chat, inserted the message and moved the
 * chat and the customer's window, three or four statements per message. The rows and answers are those of
 * {@link InboundMessages#receive} one message after the other:
 *
 * <ul>
 *   <li>each customer's open chat is locked (or opened) once, taking the profile name of their first message; later
 *       names of the batch follow as {@link ChatOpening} would have given them, each message seeing its own;
 *   <li>a wamid already stored, or earlier in the batch, stores nothing; a quoted message earlier in the batch counts;
 *   <li>each chat's unread count, window and preview move once, as far as its messages one after another would: the
 *       preview is the latest message by timestamp (the later one of a tie), if not older than the chat's;
 *   <li>a chat without a lead gets one with its first stored message that the lead procedure takes.
 * </ul>
 */
@Component
class InboundBatch {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ChatRepository chats;
    private final ChatOpening opening;

    InboundBatch(JdbcClient jdbc, JsonMapper json, ChatRepository chats, ChatOpening opening) {
        this.jdbc = jdbc;
        this.json = json;
        this.chats = chats;
        this.opening = opening;
    }

    /** A customer on a sender number: one open chat at a time. */
    private record Key(UUID teamId, String phoneNumberId, String contact) {
        static Key of(InboundMessages.Incoming m) {
            return new Key(m.teamId(), m.phoneNumberId(), m.contact());
        }

        static Key of(Chat c) {
            return new Key(c.teamId(), c.whatsappPhoneNumberId(), c.contactIdentifier());
        }
    }

    /** A customer's messages of the batch (indexes, in order) and their chat. */
    private static final class Customer {
        final InboundMessages.Incoming first;
        final List<Integer> messages = new ArrayList<>();
        Chat chat;

        Customer(InboundMessages.Incoming first) {
            this.first = first;
        }
    }

    /** How a chat moves with its customer's messages of the batch: {@link #moveChats}. */
    private record Move(Chat chat, String name, UUID lead, int count, ChatMessage latest) {}

    List<InboundMessages.Received> receiveAll(List<InboundMessages.Incoming> batch, InboundMessages.LeadMaker leads) {
        Map<Key, Customer> customers = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            InboundMessages.Incoming m = batch.get(i);
            customers.computeIfAbsent(Key.of(m), k -> new Customer(m)).messages.add(i);
        }
        openChats(customers);
        Map<Integer, ChatMessage> stored = insertMessages(batch, customers);

        // Each message's name and lead, as the chat had them once that message was applied.
        String[] names = new String[batch.size()];
        UUID[] leadsOf = new UUID[batch.size()];
        List<Move> moves = new ArrayList<>();
        for (Customer c : customers.values()) {
            String name = c.chat.contactName();
            UUID lead = c.chat.leadId();
            int count = 0;
            ChatMessage latest = null;
            for (int i : c.messages) {
                InboundMessages.Incoming m = batch.get(i);
                if (m != c.first && m.contactName() != null) {
                    name = m.contactName();
                }
                ChatMessage message = stored.get(i);
                if (message != null) {
                    count++;
                    if (latest == null || !message.timestamp().isBefore(latest.timestamp())) {
                        latest = message;
                    }
                    if (lead == null) {
                        lead = leads.leadFor(m).orElse(null);
                    }
                }
                names[i] = name;
                leadsOf[i] = lead;
            }
            if (count > 0 || !Objects.equals(name, c.chat.contactName())) {
                moves.add(new Move(c.chat, name, Objects.equals(lead, c.chat.leadId()) ? null : lead, count, latest));
            }
        }
        Map<UUID, Chat> moved = moveChats(moves);

        List<InboundMessages.Received> received = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Customer c = customers.get(Key.of(batch.get(i)));
            Chat chat = moved.getOrDefault(c.chat.id(), c.chat);
            received.add(
                    new InboundMessages.Received(as(chat, names[i], leadsOf[i]), Optional.ofNullable(stored.get(i))));
        }
        return received;
    }

    /**
     * Every customer's open chat, locked as {@link ChatOpening#findOrOpenToUpdate} locks it, in one statement; the
     * chats of the others opened in one more, unless their team re-opens closed chats: those go one by one through
     * {@link ChatOpening#findOrOpen}, whose choice of the chat to re-open is per customer.
     */
    private void openChats(Map<Key, Customer> customers) {
        List<Customer> all = List.copyOf(customers.values());
        jdbc.sql("SELECT " + ChatRepository.COLUMNS + " FROM unnest(CAST(:teams AS uuid[]), CAST(:pnids AS text[]),"
                        + " CAST(:contacts AS text[]), CAST(:names AS text[])) AS k(team, pnid, contact, name)"
                        + " JOIN chat c ON c.team_id = k.team AND c.whatsapp_phone_number_id = k.pnid"
                        + " AND c.contact_identifier = k.contact AND c.status = 'OPEN'"
                        + " AND c.contact_name IS NOT DISTINCT FROM coalesce(k.name, c.contact_name)"
                        // One order for every locker of several chats, so that two of them cannot deadlock.
                        + " ORDER BY c.id FOR NO KEY UPDATE OF c")
                .params(keys(all))
                .query(chats::map)
                .list()
                .forEach(chat -> customers.get(Key.of(chat)).chat = chat);
        List<Customer> unopened = all.stream().filter(c -> c.chat == null).toList();
        if (unopened.isEmpty()) {
            return;
        }
        // As ChatOpening.ctes for a team that does not re-open: a new chat, or the open one whose name changes.
        jdbc.sql(
                        "INSERT INTO chat AS c (team_id, plugin_id, whatsapp_phone_number_id, contact_identifier, contact_name)"
                                + " SELECT k.team, k.plugin, k.pnid, k.contact, k.name FROM unnest(CAST(:teams AS uuid[]),"
                                + " CAST(:pnids AS text[]), CAST(:contacts AS text[]), CAST(:names AS text[]),"
                                + " CAST(:plugins AS uuid[])) WITH ORDINALITY AS k(team, pnid, contact, name, plugin, ord)"
                                + " WHERE NOT coalesce((SELECT t.reopen_closed_chats FROM team t WHERE t.id = k.team), false)"
                                + " ORDER BY k.ord"
                                + " ON CONFLICT (team_id, whatsapp_phone_number_id, contact_identifier) WHERE status = 'OPEN'"
                                + " DO UPDATE SET contact_name = coalesce(EXCLUDED.contact_name, c.contact_name),"
                                + " updated_at = now() RETURNING " + ChatRepository.COLUMNS)
                .params(keys(unopened))
                .param("plugins", unopened.stream().map(c -> c.first.pluginId()).toArray(UUID[]::new))
                .query(chats::map)
                .list()
                .forEach(chat -> customers.get(Key.of(chat)).chat = chat);
        for (Customer c : unopened) {
            if (c.chat == null) {
                InboundMessages.Incoming m = c.first;
                c.chat = opening.findOrOpen(m.teamId(), m.pluginId(), m.phoneNumberId(), m.contact(), m.contactName());
            }
        }
    }

    /** The customers' keys and first names as the arrays {@code :teams :pnids :contacts :names}. */
    private static Map<String, Object> keys(List<Customer> customers) {
        return Map.of(
                "teams", customers.stream().map(c -> c.first.teamId()).toArray(UUID[]::new),
                "pnids", customers.stream().map(c -> c.first.phoneNumberId()).toArray(String[]::new),
                "contacts", customers.stream().map(c -> c.first.contact()).toArray(String[]::new),
                "names", customers.stream().map(c -> c.first.contactName()).toArray(String[]::new));
    }

    /**
     * The messages whose wamid is new, in one statement; answers them by their index in the batch. A wamid seen earlier
     * in the batch is left out (one message at a time, its insert would have found the earlier one). A quoted message
     * is looked up among the stored ones and, as it would have been stored by then, among the batch's earlier ones.
     */
    private Map<Integer, ChatMessage> insertMessages(
            List<InboundMessages.Incoming> batch, Map<Key, Customer> customers) {
        List<Integer> fresh = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            if (seen.add(batch.get(i).pluginId() + " " + batch.get(i).wamid())) {
                fresh.add(i);
            }
        }
        List<InboundMessages.Incoming> rows = fresh.stream().map(batch::get).toList();
        Map<Integer, ChatMessage> stored = new HashMap<>();
        jdbc.sql("""
                WITH r AS MATERIALIZED (
                    SELECT uuidv7() AS id, r.*
                    FROM unnest(CAST(:teams AS uuid[]), CAST(:chats AS uuid[]), CAST(:plugins AS uuid[]),
                        CAST(:pnids AS text[]), CAST(:contacts AS text[]), CAST(:wamids AS text[]), CAST(:types AS text[]),
                        CAST(:bodies AS jsonb[]), CAST(:texts AS text[]), CAST(:attachments AS jsonb[]),
                        CAST(:ats AS timestamptz[]), CAST(:quoted AS text[]))
                        WITH ORDINALITY AS r(team, chat, plugin, pnid, contact, wamid, data_type, body, text, attachments,
                            at, quoted, ord)
                ), inserted AS (
                    INSERT INTO chat_message AS m (id, team_id, chat_id, plugin_id, whatsapp_phone_number_id,
                        contact_identifier, external_id, data_type, body, text, attachments, delivery_status, direction,
                        timestamp, source_type, in_reply_to)
                    SELECT r.id, r.team, r.chat, r.plugin, r.pnid, r.contact, r.wamid, r.data_type, r.body, r.text,
                        r.attachments, 'RECEIVED', 'INBOUND', r.at, 'INBOUND',
                        coalesce((SELECT q.id FROM chat_message q WHERE q.plugin_id = r.plugin
                                AND q.external_id = r.quoted AND q.team_id = r.team),
                            (SELECT e.id FROM r e WHERE e.plugin = r.plugin AND e.wamid = r.quoted AND e.ord < r.ord))
                    FROM r ORDER BY r.ord
                    ON CONFLICT (plugin_id, external_id) WHERE external_id IS NOT NULL DO NOTHING
                    RETURNING m.id, m.provider, m.timestamp, m.in_reply_to, m.created_at, m.updated_at
                )
                SELECT r.ord, m.* FROM inserted m JOIN r ON r.id = m.id""")
                .param(
                        "teams",
                        rows.stream().map(InboundMessages.Incoming::teamId).toArray(UUID[]::new))
                .param(
                        "chats",
                        rows.stream()
                                .map(m -> customers.get(Key.of(m)).chat.id())
                                .toArray(UUID[]::new))
                .param(
                        "plugins",
                        rows.stream().map(InboundMessages.Incoming::pluginId).toArray(UUID[]::new))
                .param(
                        "pnids",
                        rows.stream()
                                .map(InboundMessages.Incoming::phoneNumberId)
                                .toArray(String[]::new))
                .param(
                        "contacts",
                        rows.stream().map(InboundMessages.Incoming::contact).toArray(String[]::new))
                .param(
                        "wamids",
                        rows.stream().map(InboundMessages.Incoming::wamid).toArray(String[]::new))
                .param(
                        "types",
                        rows.stream().map(InboundMessages.Incoming::dataType).toArray(String[]::new))
                .param(
                        "bodies",
                        rows.stream()
                                .map(m -> json.writeValueAsString(m.body()))
                                .toArray(String[]::new))
                .param(
                        "texts",
                        rows.stream().map(InboundMessages.Incoming::text).toArray(String[]::new))
                .param(
                        "attachments",
                        rows.stream()
                                .map(m -> m.attachments() == null ? null : json.writeValueAsString(m.attachments()))
                                .toArray(String[]::new))
                .param("ats", rows.stream().map(m -> m.timestamp().toString()).toArray(String[]::new))
                .param(
                        "quoted",
                        rows.stream().map(InboundMessages.Incoming::quotedWamid).toArray(String[]::new))
                .query(rs -> {
                    int index = fresh.get(rs.getInt("ord") - 1);
                    stored.put(index, written(batch.get(index), customers.get(Key.of(batch.get(index))).chat, rs));
                });
        return stored;
    }

    /** A stored message: what the database made (id, times, the quoted message) with the rest as given. */
    private static ChatMessage written(InboundMessages.Incoming m, Chat chat, ResultSet rs) throws SQLException {
        return new ChatMessage(
                rs.getObject("id", UUID.class),
                m.teamId(),
                chat.id(),
                m.pluginId(),
                m.phoneNumberId(),
                m.contact(),
                m.wamid(),
                rs.getString("provider"),
                m.dataType(),
                m.body(),
                m.text(),
                m.attachments(),
                "RECEIVED",
                ChatMessage.INBOUND,
                Rows.instant(rs, "timestamp"),
                null,
                "INBOUND",
                null,
                null,
                null,
                null,
                null,
                null,
                rs.getObject("in_reply_to", UUID.class),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"));
    }

    /**
     * The chats and the customers' windows, one statement for all: unread count, window and preview as
     * {@link InboundMessages#receive}'s update moves them once per message, the name, and a new lead.
     */
    private Map<UUID, Chat> moveChats(List<Move> moves) {
        Map<UUID, Chat> moved = new HashMap<>();
        if (moves.isEmpty()) {
            return moved;
        }
        jdbc.sql("""
                WITH v AS (
                    SELECT * FROM unnest(CAST(:chats AS uuid[]), CAST(:teams AS uuid[]), CAST(:pnids AS text[]),
                        CAST(:contacts AS text[]), CAST(:counts AS int[]), CAST(:ats AS timestamptz[]),
                        CAST(:messages AS uuid[]), CAST(:texts AS text[]), CAST(:millis AS bigint[]),
                        CAST(:names AS text[]), CAST(:leads AS uuid[]))
                        AS v(chat, team, pnid, contact, count, at, message, text, millis, name, lead)
                ), window_moved AS (
                    INSERT INTO customer_window (team_id, whatsapp_phone_number_id, contact_identifier, last_inbound_at)
                    SELECT team, pnid, contact, at FROM v WHERE count > 0
                    ON CONFLICT (team_id, whatsapp_phone_number_id, contact_identifier) DO UPDATE SET
                        last_inbound_at = greatest(customer_window.last_inbound_at, EXCLUDED.last_inbound_at)
                )
                UPDATE chat c SET unread_count = c.unread_count + v.count,
                    last_inbound_at = greatest(c.last_inbound_at, v.at),
                    last_message = CASE WHEN v.count > 0 AND (c.last_message_at IS NULL OR c.last_message_at <= v.at)
                        THEN jsonb_build_object('id', v.message, 'direction', 'INBOUND', 'text', v.text,
                            'timestamp', v.millis)
                        ELSE c.last_message END,
                    last_message_at = greatest(c.last_message_at, v.at),
                    contact_name = v.name, lead_id = coalesce(v.lead, c.lead_id), updated_at = now()
                FROM v WHERE c.team_id = v.team AND c.id = v.chat
                RETURNING""" + " " + ChatRepository.COLUMNS)
                .param("chats", moves.stream().map(m -> m.chat().id()).toArray(UUID[]::new))
                .param("teams", moves.stream().map(m -> m.chat().teamId()).toArray(UUID[]::new))
                .param(
                        "pnids",
                        moves.stream()
                                .map(m -> m.chat().whatsappPhoneNumberId())
                                .toArray(String[]::new))
                .param(
                        "contacts",
                        moves.stream().map(m -> m.chat().contactIdentifier()).toArray(String[]::new))
                .param("counts", moves.stream().map(Move::count).toArray(Integer[]::new))
                .param(
                        "ats",
                        moves.stream()
                                .map(m -> text(
                                        m.latest() == null ? null : m.latest().timestamp()))
                                .toArray(String[]::new))
                .param(
                        "messages",
                        moves.stream()
                                .map(m -> m.latest() == null ? null : m.latest().id())
                                .toArray(UUID[]::new))
                .param(
                        "texts",
                        moves.stream()
                                .map(m -> m.latest() == null ? null : m.latest().text())
                                .toArray(String[]::new))
                .param(
                        "millis",
                        moves.stream()
                                .map(m -> m.latest() == null
                                        ? null
                                        : m.latest().timestamp().toEpochMilli())
                                .toArray(Long[]::new))
                .param("names", moves.stream().map(Move::name).toArray(String[]::new))
                .param("leads", moves.stream().map(Move::lead).toArray(UUID[]::new))
                .query(chats::map)
                .list()
                .forEach(chat -> moved.put(chat.id(), chat));
        return moved;
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    /** The chat with the name and lead it had once a given message was applied. */
    private static Chat as(Chat chat, String name, UUID lead) {
        return new Chat(
                chat.id(),
                chat.teamId(),
                chat.pluginId(),
                chat.whatsappPhoneNumberId(),
                chat.contactIdentifier(),
                name,
                chat.status(),
                chat.assignedTo(),
                lead,
                chat.lastMessageAt(),
                chat.lastInboundAt(),
                chat.unreadCount(),
                chat.lastMessage(),
                chat.createdAt(),
                chat.updatedAt());
    }
}
