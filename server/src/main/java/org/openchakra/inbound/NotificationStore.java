package org.openchakra.inbound;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The raw notifications from Meta and the dead letters. A notification is claimed under a lease, so a
 * server process that dies while working one leaves it to be claimed again when the lease runs out.
 */
@Repository
public class NotificationStore {

    /** A claimed notification: its id and the bytes Meta sent. */
    public record Claimed(long id, byte[] body, int attempts) {
    }

    private final JdbcClient jdbc;

    public NotificationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(byte[] body, UUID teamId, String orderKey) {
        return jdbc.sql("INSERT INTO meta_notification (body, team_id, order_key) VALUES (:body, :team, :orderKey)"
                        + " RETURNING id")
                .param("body", body).param("team", teamId).param("orderKey", orderKey).query(Long.class).single();
    }

    public void deadLetter(byte[] body, String reason, boolean verified) {
        jdbc.sql("INSERT INTO meta_dead_letter (body, reason, verified) VALUES (:body, :reason, :verified)")
                .param("body", body).param("reason", reason).param("verified", verified).update();
    }

    /**
     * Up to {@code limit} due notifications, oldest first, leased for {@code lease}: only the oldest pending one
     * of each order key, so one customer's notifications are applied in the order Meta sent them.
     */
    public List<Claimed> claim(int limit, Duration lease) {
        return jdbc.sql("""
                UPDATE meta_notification n SET lease_until = now() + make_interval(secs => :lease),
                    attempts = attempts + 1
                WHERE n.id IN (SELECT id FROM meta_notification
                               WHERE status = 'PENDING' AND next_attempt_at <= now()
                                 AND (lease_until IS NULL OR lease_until < now())
                                 AND NOT EXISTS (SELECT 1 FROM meta_notification e WHERE e.status = 'PENDING'
                                                 AND e.order_key = meta_notification.order_key
                                                 AND e.id < meta_notification.id)
                               ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING n.id, n.body, n.attempts
                """)
                .param("lease", (double) lease.toSeconds()).param("limit", limit)
                .query((rs, row) -> new Claimed(rs.getLong("id"), rs.getBytes("body"), rs.getInt("attempts")))
                .list()
                .stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
    }

    /**
     * Marks a notification processed, in the transaction that applied it. False when it was processed
     * already (a lease ran out while its first worker was still busy): that transaction must roll back.
     */
    public boolean markProcessed(long id) {
        return jdbc.sql("UPDATE meta_notification SET status = 'PROCESSED', processed_at = now(), lease_until = NULL,"
                        + " last_error = NULL WHERE id = :id AND status = 'PENDING'")
                .param("id", id).update() == 1;
    }

    /** A failed attempt: tried again after {@code delay}, or FAILED for good after the last attempt. */
    public void failed(long id, String error, Duration delay, boolean giveUp) {
        jdbc.sql("UPDATE meta_notification SET status = CASE WHEN :giveUp THEN 'FAILED' ELSE status END,"
                        + " next_attempt_at = now() + make_interval(secs => :delay), lease_until = NULL,"
                        + " last_error = :error WHERE id = :id AND status = 'PENDING'")
                .param("id", id).param("giveUp", giveUp).param("delay", (double) delay.toSeconds())
                .param("error", error.length() > 500 ? error.substring(0, 500) : error)
                .update();
    }

    /** Processed notifications older than {@code age} are dropped: their effects are in chats and the outbox. */
    public int prune(Duration age) {
        return jdbc.sql("DELETE FROM meta_notification WHERE status = 'PROCESSED'"
                        + " AND processed_at < now() - make_interval(secs => :age)")
                .param("age", (double) age.toSeconds()).update();
    }
}
