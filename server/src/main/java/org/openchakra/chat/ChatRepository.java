package org.openchakra.chat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.common.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Chats: fetched, listed and changed by the API, always within one team. */
@Repository
class ChatRepository {

    /** The chat columns under the alias {@code c}, as {@link #map} reads them. */
    public static final String COLUMNS = "c.id, c.team_id, c.plugin_id, c.whatsapp_phone_number_id,"
            + " c.contact_identifier, c.contact_name, c.status, c.assigned_to, c.lead_id, c.last_message_at,"
            + " c.last_inbound_at, c.unread_count, c.last_message, c.created_at, c.updated_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public ChatRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<Chat> find(UUID teamId, UUID chatId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM chat c WHERE c.team_id = :team AND c.id = :id")
                .param("team", teamId)
                .param("id", chatId)
                .query(this::map)
                .optional();
    }

    /** One page of the team's chats that pass {@code filter}, and how many pass it. */
    public Page<Chat> list(UUID teamId, ChatFilter filter, ChatOrder order, Paging paging) {
        return paging.fetch(
                jdbc.sql(paging.sql(COLUMNS, "chat c", filter.where(), order.sql()))
                        .param("team", teamId)
                        .params(filter.params()),
                this::map);
    }

    /**
     * Sets the chat's status; a chat already in that status is answered as it is, unchanged. Re-opening fails
     * with {@link org.springframework.dao.DuplicateKeyException} when another chat of the customer on that
     * number is open.
     */
    public Optional<Chat> setStatus(UUID teamId, UUID chatId, String status) {
        Optional<Chat> changed = jdbc.sql("UPDATE chat c SET status = :status, updated_at = now()"
                        + " WHERE c.team_id = :team AND c.id = :id AND c.status <> :status RETURNING " + COLUMNS)
                .param("team", teamId)
                .param("id", chatId)
                .param("status", status)
                .query(this::map)
                .optional();
        return changed.isPresent() ? changed : find(teamId, chatId);
    }

    /** The open chat of the customer on that number, if any. */
    public Optional<UUID> openChatId(UUID teamId, String phoneNumberId, String contact) {
        return jdbc.sql("SELECT c.id FROM chat c WHERE c.team_id = :team AND c.whatsapp_phone_number_id = :pnid"
                        + " AND c.contact_identifier = :contact AND c.status = 'OPEN'")
                .param("team", teamId)
                .param("pnid", phoneNumberId)
                .param("contact", contact)
                .query(UUID.class)
                .optional();
    }

    /** {@code userId} null unassigns. */
    public Optional<Chat> assign(UUID teamId, UUID chatId, UUID userId) {
        return jdbc.sql("UPDATE chat c SET assigned_to = :user, updated_at = now()"
                        + " WHERE c.team_id = :team AND c.id = :id RETURNING " + COLUMNS)
                .param("team", teamId)
                .param("id", chatId)
                .param("user", userId)
                .query(this::map)
                .optional();
    }

    /** Sets {@code unreadCount} to 0; a chat with nothing unread is answered unchanged. */
    public Optional<Chat> markRead(UUID teamId, UUID chatId) {
        Optional<Chat> changed = jdbc.sql("UPDATE chat c SET unread_count = 0, updated_at = now()"
                        + " WHERE c.team_id = :team AND c.id = :id AND c.unread_count <> 0 RETURNING " + COLUMNS)
                .param("team", teamId)
                .param("id", chatId)
                .query(this::map)
                .optional();
        return changed.isPresent() ? changed : find(teamId, chatId);
    }

    /** The customer's chats with the team, newest first (index {@code chat_contact}). */
    public java.util.List<Chat> withContact(UUID teamId, String contact, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM chat c WHERE c.team_id = :team AND c.contact_identifier = :contact"
                        + " ORDER BY c.created_at DESC, c.id DESC LIMIT :limit")
                .param("team", teamId)
                .param("contact", contact)
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    /** Unread inbound messages in the team's open chats, of those {@code visibleTo} sees when given. */
    public long unreadTotal(UUID teamId, UUID visibleTo) {
        return jdbc.sql("SELECT coalesce(sum(c.unread_count), 0) FROM chat c WHERE c.team_id = :team"
                        + " AND c.status = 'OPEN' AND c.unread_count > 0"
                        + (visibleTo == null ? "" : " AND (c.assigned_to = :viewer OR c.assigned_to IS NULL)"))
                .param("team", teamId)
                .params(visibleTo == null ? java.util.Map.of() : java.util.Map.of("viewer", visibleTo))
                .query(Long.class)
                .single();
    }

    public Chat map(ResultSet rs, int row) throws SQLException {
        String lastMessage = rs.getString("last_message");
        return new Chat(
                rs.getObject("id", UUID.class),
                rs.getObject("team_id", UUID.class),
                rs.getObject("plugin_id", UUID.class),
                rs.getString("whatsapp_phone_number_id"),
                rs.getString("contact_identifier"),
                rs.getString("contact_name"),
                rs.getString("status"),
                rs.getObject("assigned_to", UUID.class),
                rs.getObject("lead_id", UUID.class),
                Rows.instant(rs, "last_message_at"),
                Rows.instant(rs, "last_inbound_at"),
                rs.getInt("unread_count"),
                lastMessage == null ? null : json.readTree(lastMessage),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"));
    }
}
