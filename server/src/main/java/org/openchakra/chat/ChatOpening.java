package org.openchakra.chat;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which chat a message goes into (whatsapp.md §6): the customer's open chat on that sender number; if there is
 * none, a new chat, or (when the team set {@code reopenClosedChats}) the customer's latest chat on that number,
 * re-opened. The partial unique index {@code chat_open} keeps one open chat per customer and number, so that
 * concurrent messages agree on the chat without locks.
 */
@Component
class ChatOpening {

    private final JdbcClient jdbc;
    private final ChatRepository chats;
    private final TransactionTemplate savepoint;

    public ChatOpening(JdbcClient jdbc, ChatRepository chats, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.chats = chats;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * The chat an inbound message from {@code contact} to the number {@code phoneNumberId} belongs to, opened or
     * re-opened as the team's setting says. A {@code contactName} (WhatsApp profile name) replaces the stored
     * one; null keeps it.
     */
    public Chat findOrOpen(UUID teamId, UUID pluginId, String phoneNumberId, String contact, String contactName) {
        String sql = "WITH "
                + ctes(
                        "SELECT CAST(:name AS text) AS contact_name",
                        List.of("contact_name"),
                        "contact_name = coalesce(%1$s.contact_name, c.contact_name)")
                + " SELECT " + ChatRepository.COLUMNS + " FROM chat_row c";
        return retryingARace(() -> jdbc.sql(sql)
                .param("team", teamId)
                .param("plugin", pluginId)
                .param("pnid", phoneNumberId)
                .param("contact", contact)
                .param("name", contactName)
                .query(chats::map)
                .single());
    }

    /**
     * As {@link #findOrOpen}, for a caller that updates the chat next in its transaction (an inbound message): the
     * customer's open chat, when its name does not change, is only locked, as the insert's ON CONFLICT would lock it.
     * That ON CONFLICT's update was a new version of the row and an entry in each of the chat's seven indexes for every
     * inbound message, right before the message's own update of the chat (issue 15). A chat closed meanwhile is not
     * found (the lock waits for the close and then reads the row again), and the statement that opens one runs.
     */
    public Chat findOrOpenToUpdate(
            UUID teamId, UUID pluginId, String phoneNumberId, String contact, String contactName) {
        return jdbc.sql("SELECT " + ChatRepository.COLUMNS + " FROM chat c WHERE c.team_id = :team"
                        + " AND c.whatsapp_phone_number_id = :pnid AND c.contact_identifier = :contact"
                        + " AND c.status = 'OPEN'"
                        + " AND c.contact_name IS NOT DISTINCT FROM coalesce(CAST(:name AS text), c.contact_name)"
                        + " FOR NO KEY UPDATE")
                .param("team", teamId)
                .param("pnid", phoneNumberId)
                .param("contact", contact)
                .param("name", contactName)
                .query(chats::map)
                .optional()
                .orElseGet(() -> findOrOpen(teamId, pluginId, phoneNumberId, contact, contactName));
    }

    /**
     * The common table expressions that find or open the chat of {@code :team}, {@code :plugin}, {@code :pnid}
     * and {@code :contact}, ending in {@code chat_row} (the chat, with every column). {@code incoming} is a
     * one-row SELECT of the values the chat takes, named as its {@code columns}; {@code assignments} sets them
     * on an existing chat, with {@code %1$s} standing for the row of those values. A re-opened chat also moves
     * to {@code :plugin}, the plugin that now owns the number.
     *
     * <p>The picked chat is the open one if any (then only the insert's ON CONFLICT touches it), else the
     * latest. Each chat row is changed by at most one of the statements, as PostgreSQL requires.
     */
    static String ctes(String incoming, List<String> columns, String assignments) {
        return """
                incoming AS (%1$s),
                latest AS (
                    SELECT l.id FROM chat l
                    WHERE l.team_id = :team AND l.whatsapp_phone_number_id = :pnid AND l.contact_identifier = :contact
                      AND (SELECT t.reopen_closed_chats FROM team t WHERE t.id = :team)
                    ORDER BY l.status = 'OPEN' DESC, l.created_at DESC, l.id DESC
                    LIMIT 1
                ), reopened AS (
                    UPDATE chat c SET status = 'OPEN', plugin_id = :plugin, %4$s, updated_at = now()
                    FROM latest, incoming i
                    WHERE c.team_id = :team AND c.id = latest.id AND c.status = 'CLOSED'
                    RETURNING c.*
                ), opened AS (
                    INSERT INTO chat AS c (team_id, plugin_id, whatsapp_phone_number_id, contact_identifier, %2$s)
                    SELECT :team, :plugin, :pnid, :contact, %3$s FROM incoming i
                    WHERE NOT EXISTS (SELECT 1 FROM reopened)
                    ON CONFLICT (team_id, whatsapp_phone_number_id, contact_identifier) WHERE status = 'OPEN'
                    DO UPDATE SET %5$s, updated_at = now()
                    RETURNING c.*
                ), chat_row AS (SELECT * FROM reopened UNION ALL SELECT * FROM opened)
                """.formatted(
                        incoming,
                        String.join(", ", columns),
                        columns.stream().map(c -> "i." + c).collect(Collectors.joining(", ")),
                        assignments.formatted("i"),
                        assignments.formatted("EXCLUDED"));
    }

    /**
     * Runs a statement built on {@link #ctes}, once more if it lost a race: re-opening a closed chat fails on
     * {@code chat_open} when another writer opened a chat for the same customer and number meanwhile, and the
     * second run finds that chat. Inside a transaction the attempt runs under a savepoint, so that the failure
     * does not abort the caller's transaction.
     */
    <T> T retryingARace(Supplier<T> statement) {
        Supplier<T> attempt = TransactionSynchronizationManager.isActualTransactionActive()
                ? () -> savepoint.execute(status -> statement.get())
                : statement;
        try {
            return attempt.get();
        } catch (DuplicateKeyException raced) {
            return attempt.get();
        }
    }
}
