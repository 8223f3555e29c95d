package org.openchakra.chat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Pages of chat messages: of one chat, or of one customer across chats. Ordered by time, then id. */
@Repository
class MessageHistory {

    private final JdbcClient jdbc;
    private final ChatMessageRepository messages;

    public MessageHistory(JdbcClient jdbc, ChatMessageRepository messages) {
        this.jdbc = jdbc;
        this.messages = messages;
    }

    /** Served by the index {@code chat_message_chat (team_id, chat_id, timestamp)}. */
    public Page<ChatMessage> ofChat(UUID teamId, UUID chatId, boolean newestFirst, Paging paging) {
        return paging.fetch(
                jdbc.sql(paging.sql(
                                ChatMessageRepository.COLUMNS,
                                "chat_message m",
                                "m.team_id = :team AND m.chat_id = :chat",
                                order(newestFirst)))
                        .param("team", teamId)
                        .param("chat", chatId),
                messages::map);
    }

    /**
     * Every message with the customer {@code contact} (digits), optionally of one plugin or sender number.
     * Served by the index {@code chat_message_contact (team_id, contact_identifier, timestamp)}.
     */
    public Page<ChatMessage> ofContact(
            UUID teamId, String contact, UUID pluginId, String phoneNumberId, boolean newestFirst, Paging paging) {
        String where = "m.team_id = :team AND m.contact_identifier = :contact"
                + (pluginId == null ? "" : " AND m.plugin_id = :plugin")
                + (phoneNumberId == null ? "" : " AND m.whatsapp_phone_number_id = :pnid");
        JdbcClient.StatementSpec statement = jdbc.sql(
                        paging.sql(ChatMessageRepository.COLUMNS, "chat_message m", where, order(newestFirst)))
                .param("team", teamId)
                .param("contact", contact);
        if (pluginId != null) {
            statement = statement.param("plugin", pluginId);
        }
        if (phoneNumberId != null) {
            statement = statement.param("pnid", phoneNumberId);
        }
        return paging.fetch(statement, messages::map);
    }

    /**
     * Up to {@code limit} messages of the chat, newest first, older than the message {@code (beforeTimestamp,
     * beforeId)} when given (keyset paging: messages arriving meanwhile do not shift the pages).
     */
    public List<ChatMessage> latest(UUID teamId, UUID chatId, Instant beforeTimestamp, UUID beforeId, int limit) {
        return jdbc.sql("SELECT " + ChatMessageRepository.COLUMNS + " FROM chat_message m"
                        + " WHERE m.team_id = :team AND m.chat_id = :chat"
                        + (beforeTimestamp == null ? "" : " AND (m.timestamp, m.id) < (:ts, :id)")
                        + " ORDER BY m.timestamp DESC, m.id DESC LIMIT :limit")
                .param("team", teamId)
                .param("chat", chatId)
                .params(
                        beforeTimestamp == null
                                ? java.util.Map.of()
                                : java.util.Map.of("ts", java.sql.Timestamp.from(beforeTimestamp), "id", beforeId))
                .param("limit", limit)
                .query(messages::map)
                .list();
    }

    private static String order(boolean newestFirst) {
        String direction = newestFirst ? " DESC" : " ASC";
        return "m.timestamp" + direction + ", m.id" + direction;
    }
}
