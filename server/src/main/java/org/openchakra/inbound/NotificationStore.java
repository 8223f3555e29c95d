package org.openchakra.inbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The raw notifications from Meta and the dead letters. Each notification sits in one of {@link #QUEUES}
 * queues, chosen by its order key (in SQL, a generated column); a queue is worked by one transaction at a
 * time, which holds the queue's advisory lock, so one customer's notifications are applied in the order they
 * were stored, by whichever process holds it. A process that dies mid-way rolls back and frees the queue.
 */
@Repository
class NotificationStore {

    /** The number of queues; fixed by the generated column {@code meta_notification.queue} (V8). */
    static final int QUEUES = 32;
    // Key space of the queues' advisory locks (pg_try_advisory_xact_lock(int, int)): "OCIQ".
    private static final int QUEUE_LOCK_CLASS = 0x4F434951;

    /** A notification to store: the bytes Meta sent, the team if it is one team's, its order key. */
    public record NewNotification(byte[] body, UUID teamId, String orderKey) {}

    /** A notification taken from its queue: its id and the bytes Meta sent. */
    public record Claimed(long id, byte[] body, String orderKey, int attempts) {}

    private final JdbcClient jdbc;

    public NotificationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores notifications in the caller's transaction, in one statement (ids in the order given, which is the order
     * they are processed in): a JDBC batch of one-row inserts cost PostgreSQL a statement each.
     */
    public void insertAll(List<NewNotification> notifications) {
        jdbc.sql("INSERT INTO meta_notification (body, team_id, order_key) SELECT n.body, n.team_id, n.order_key"
                        + " FROM unnest(CAST(:bodies AS bytea[]), CAST(:teams AS uuid[]), CAST(:keys AS text[]))"
                        + " WITH ORDINALITY AS n(body, team_id, order_key, i) ORDER BY n.i")
                .param(
                        "bodies",
                        notifications.stream().map(NewNotification::body).toArray(byte[][]::new))
                .param(
                        "teams",
                        notifications.stream().map(NewNotification::teamId).toArray(UUID[]::new))
                .param(
                        "keys",
                        notifications.stream().map(NewNotification::orderKey).toArray(String[]::new))
                .update();
    }

    public void deadLetter(byte[] body, String reason, boolean verified) {
        jdbc.sql("INSERT INTO meta_dead_letter (body, reason, verified) VALUES (:body, :reason, :verified)")
                .param("body", body)
                .param("reason", reason)
                .param("verified", verified)
                .update();
    }

    /** The queues that have a due notification, as of now. */
    public List<Integer> queuesWithWork() {
        return jdbc.sql("SELECT q FROM generate_series(0, :last) q WHERE EXISTS (SELECT 1 FROM meta_notification n"
                        + " WHERE n.queue = q AND n.status = 'PENDING' AND n.next_attempt_at <= now())")
                .param("last", QUEUES - 1)
                .query(Integer.class)
                .list();
    }

    /** How long until the earliest notification waiting for its retry falls due; empty when none waits. */
    public Optional<Duration> nextRetryIn() {
        return jdbc.sql(
                        "SELECT CAST(extract(epoch FROM min(next_attempt_at) - now()) * 1000 AS bigint)"
                                + " FROM meta_notification WHERE status = 'PENDING' AND attempts > 0 AND next_attempt_at > now()")
                .query((rs, row) -> {
                    long millis = rs.getLong(1);
                    return rs.wasNull() ? null : Duration.ofMillis(millis);
                })
                .optional();
    }

    /** Takes those of the queues that no other transaction has, for the caller's transaction; answers them. */
    public List<Integer> lockQueues(List<Integer> queues) {
        return jdbc.sql("SELECT q FROM unnest(CAST(:queues AS int[])) q WHERE pg_try_advisory_xact_lock(:class, q)")
                .param("class", QUEUE_LOCK_CLASS)
                .param("queues", queues.toArray(Integer[]::new))
                .query(Integer.class)
                .list();
    }

    /**
     * What a batch of the queues the caller's transaction holds has to do: their due notifications and the retries
     * their customers wait for.
     *
     * @param due     up to {@code limit} due notifications, oldest first
     * @param waiting order keys that wait for a failed notification's retry, each with that notification's id: their
     *                later notifications must wait too, or a customer's messages could be applied out of order
     */
    public record Batch(List<Claimed> due, Map<String, Long> waiting) {}

    /**
     * The {@link Batch} of queues the caller's transaction holds, in one round trip (it was two statements per
     * transaction): of each queue, its oldest due notifications (one index probe per queue, so a long backlog is never
     * sorted whole), and the order keys waiting for a retry. Runs after {@link #lockQueues}, in a statement of its
     * own: its snapshot must be taken once the locks are held, or it could still see notifications that the lock's
     * previous holder applied and deleted.
     */
    public Batch due(List<Integer> queues, int limit) {
        List<Claimed> due = new ArrayList<>();
        Map<String, Long> waiting = new HashMap<>();
        jdbc.sql("""
                        SELECT false AS waiting, d.id, d.body, d.order_key, d.attempts FROM (
                            SELECT n.id, n.body, n.order_key, n.attempts FROM unnest(CAST(:queues AS smallint[])) q,
                            LATERAL (SELECT id, body, order_key, attempts FROM meta_notification WHERE queue = q
                                AND status = 'PENDING' AND next_attempt_at <= now() ORDER BY id LIMIT :limit) n
                            ORDER BY n.id LIMIT :limit) d
                        UNION ALL
                        SELECT true, min(id), NULL, order_key, 0 FROM meta_notification
                        WHERE queue = ANY(CAST(:queues AS smallint[])) AND status = 'PENDING' AND attempts > 0
                            AND next_attempt_at > now() GROUP BY order_key
                        """)
                .param("queues", queues.toArray(Integer[]::new))
                .param("limit", limit)
                .query(rs -> {
                    if (rs.getBoolean("waiting")) {
                        waiting.put(rs.getString("order_key"), rs.getLong("id"));
                    } else {
                        due.add(new Claimed(
                                rs.getLong("id"),
                                rs.getBytes("body"),
                                rs.getString("order_key"),
                                rs.getInt("attempts")));
                    }
                });
        due.sort(Comparator.comparingLong(Claimed::id));
        return new Batch(due, waiting);
    }

    /**
     * Deletes notifications in the transaction that applied them: their effects are in chats and the outbox. A
     * PROCESSED mark was a new version of the whole row and two index entries per notification (V16).
     */
    public void processed(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("DELETE FROM meta_notification WHERE id = ANY(CAST(:ids AS bigint[])) AND status = 'PENDING'")
                .param("ids", ids.toArray(Long[]::new))
                .update();
    }

    /** A failed attempt: tried again after {@code delay}, or FAILED for good after the last attempt. */
    public void failed(long id, String error, Duration delay, boolean giveUp) {
        jdbc.sql("UPDATE meta_notification SET status = CASE WHEN :giveUp THEN 'FAILED' ELSE status END,"
                        + " attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => :delay),"
                        + " last_error = :error WHERE id = :id AND status = 'PENDING'")
                .param("id", id)
                .param("giveUp", giveUp)
                .param("delay", (double) delay.toSeconds())
                .param("error", error.length() > 500 ? error.substring(0, 500) : error)
                .update();
    }
}
