package org.openchakra.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.common.Rows;
import org.openchakra.db.CustomPlans;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable outbox of customer webhooks. Rows are written in the caller's transaction (so an event
 * exists exactly when the change it reports was committed) and claimed under a lease by the delivery
 * loops, one head of queue per (URL, order key) at a time, which keeps a chat's events in order.
 */
@Repository
public class WebhookOutbox {

    /** What a new outbox row says. */
    public record NewDelivery(
            UUID teamId, UUID pluginId, String event, String kind, String url, String orderKey, byte[] body) {}

    /** A claimed delivery, as a loop sends it. */
    public record Claimed(
            UUID id,
            UUID teamId,
            UUID eventId,
            String event,
            String url,
            String orderKey,
            byte[] body,
            int attempt,
            Instant createdAt,
            Instant expiresAt) {}

    /** A delivery as the log shows it. */
    public record Logged(
            UUID id,
            UUID eventId,
            String event,
            String kind,
            UUID pluginId,
            String url,
            String status,
            int attempts,
            Instant lastAttemptAt,
            Instant nextAttemptAt,
            Integer lastResponseStatus,
            String lastError,
            Instant createdAt) {}

    private final JdbcClient jdbc;
    // The claim is planned with its cursor each time: a generic plan of its walk over the queues was 30 times
    // slower than the custom one.
    private final JdbcClient claimJdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate tx;
    private final WebhookProperties props;
    private final DeliveryWakeup wakeup;
    private final ThreadLocal<List<NewDelivery>> collecting = new ThreadLocal<>();

    public WebhookOutbox(
            JdbcClient jdbc,
            JdbcTemplate batch,
            TransactionTemplate tx,
            WebhookProperties props,
            DeliveryWakeup wakeup) {
        this.jdbc = jdbc;
        this.claimJdbc = CustomPlans.jdbcClient(batch.getDataSource());
        this.batch = batch;
        this.tx = tx;
        this.props = props;
        this.wakeup = wakeup;
    }

    /**
     * Writes the delivery in the current transaction (or, inside {@link #batched}, with the others of the
     * batch); the delivery loops are woken once it commits.
     */
    public void add(NewDelivery d) {
        List<NewDelivery> batch = collecting.get();
        if (batch != null) {
            batch.add(d);
        } else {
            insertAll(List.of(d));
        }
    }

    /**
     * Runs {@code work}, writing the deliveries it adds in one round trip at its end, in the order they were
     * added; if {@code work} fails, none is written.
     */
    public void batched(Runnable work) {
        if (collecting.get() != null) {
            work.run();
            return;
        }
        List<NewDelivery> batch = new ArrayList<>();
        collecting.set(batch);
        try {
            work.run();
        } finally {
            collecting.remove();
        }
        insertAll(batch);
    }

    private void insertAll(List<NewDelivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        // Executed in order, so created_at (clock_timestamp) keeps the order the events were added in.
        batch.batchUpdate(
                "INSERT INTO webhook_delivery (team_id, plugin_id, event, kind, url, order_key, body,"
                        + " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?))",
                deliveries,
                deliveries.size(),
                (ps, d) -> {
                    ps.setObject(1, d.teamId());
                    ps.setObject(2, d.pluginId());
                    ps.setString(3, d.event());
                    ps.setString(4, d.kind());
                    ps.setString(5, d.url());
                    ps.setString(6, d.orderKey());
                    ps.setBytes(7, d.body());
                    ps.setDouble(8, (double) props.retention().toSeconds());
                });
        wakeup.announce();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wakeup.wake();
                }
            });
        } else {
            wakeup.wake();
        }
    }

    /** Where a round of claims goes on: the last (URL, order key) queue served. */
    public record Cursor(String url, String orderKey) {
        static final Cursor START = new Cursor("", "");
    }

    /** The deliveries of a claim, and the queue to go on from next time. */
    public record Claim(List<Claimed> deliveries, Cursor next) {}

    /**
     * Up to {@code limit} due deliveries that head their (URL, order key) queue, leased so that no other
     * loop of any process sends them meanwhile. Queues are visited in (URL, order key) order from just after
     * {@code after}, wrapping round once, so that every queue gets its turn however long the others are.
     *
     * <p>The queues are walked one index probe each (a loose index scan), never row by row: behind each head
     * in flight wait that chat's later events, and scanning past them made one claim cost tens of
     * milliseconds under a backlog, which made the backlog grow.
     */
    public Claim claim(int limit, Duration lease, Cursor after) {
        List<Claimed> claimed = new ArrayList<>(claimFrom(after, limit, lease));
        if (claimed.size() < limit && !after.equals(Cursor.START)) {
            claimed.addAll(claimFrom(Cursor.START, limit - claimed.size(), lease));
        }
        // Java's order of strings may not be the database's collation: then a round starts a little off, which
        // costs fairness for one claim, never a delivery (every round wraps round to the start).
        Cursor next = claimed.isEmpty()
                ? Cursor.START
                : claimed.stream()
                        .map(c -> new Cursor(c.url(), c.orderKey()))
                        .max(Comparator.comparing(Cursor::url).thenComparing(Cursor::orderKey))
                        .orElseThrow();
        return new Claim(claimed, next);
    }

    private List<Claimed> claimFrom(Cursor after, int limit, Duration lease) {
        // The heads are found once (an array), then locked and updated by primary key: joined instead, the
        // planner could walk the queues again for every row of the table. A head another claim is taking is
        // skipped, not waited for: two claims that waited on each other's heads deadlocked, a second's stall
        // each time. The lease test is repeated on the locked row, so a head that another claim leased since
        // this one's snapshot is left out.
        return claimJdbc
                .sql("""
                WITH RECURSIVE queues AS (
                    (SELECT h.url, h.order_key FROM webhook_delivery h
                     WHERE h.status IN ('PENDING', 'FAILED_RETRYING') AND (h.url, h.order_key) > (:url, :orderKey)
                     ORDER BY h.url, h.order_key LIMIT 1)
                    UNION ALL
                    SELECT n.url, n.order_key FROM queues q, LATERAL (
                        SELECT h.url, h.order_key FROM webhook_delivery h
                        WHERE h.status IN ('PENDING', 'FAILED_RETRYING') AND (h.url, h.order_key) > (q.url, q.order_key)
                        ORDER BY h.url, h.order_key LIMIT 1) n
                ), heads AS (
                    SELECT head.id FROM queues q, LATERAL (
                        SELECT h.id, h.next_attempt_at, h.lease_until FROM webhook_delivery h
                        WHERE h.status IN ('PENDING', 'FAILED_RETRYING') AND h.url = q.url
                          AND h.order_key = q.order_key
                        ORDER BY h.created_at, h.id LIMIT 1) head
                    WHERE head.next_attempt_at <= now() AND (head.lease_until IS NULL OR head.lease_until < now())
                    LIMIT :limit
                ), locked AS (
                    SELECT d.id FROM webhook_delivery d
                    WHERE d.id = ANY(ARRAY(SELECT id FROM heads)) AND d.status IN ('PENDING', 'FAILED_RETRYING')
                      AND (d.lease_until IS NULL OR d.lease_until < now())
                    FOR UPDATE SKIP LOCKED
                )
                UPDATE webhook_delivery d SET lease_until = now() + make_interval(secs => :lease),
                    attempts = attempts + 1
                WHERE d.id = ANY(ARRAY(SELECT id FROM locked))
                RETURNING d.id, d.team_id, d.event_id, d.event, d.url, d.order_key, d.body, d.attempts, d.created_at,
                    d.expires_at
                """)
                .param("lease", (double) lease.toSeconds())
                .param("limit", limit)
                .param("url", after.url())
                .param("orderKey", after.orderKey())
                .query((rs, n) -> new Claimed(
                        rs.getObject("id", UUID.class),
                        rs.getObject("team_id", UUID.class),
                        rs.getObject("event_id", UUID.class),
                        rs.getString("event"),
                        rs.getString("url"),
                        rs.getString("order_key"),
                        rs.getBytes("body"),
                        rs.getInt("attempts"),
                        Rows.instant(rs, "created_at"),
                        Rows.instant(rs, "expires_at")))
                .list();
    }

    /**
     * Deliveries answered 2xx, with the status each got. Not flushed to disk before the next batch goes out: a
     * mark lost in a crash means one more delivery of the same event id, which receivers must accept anyway.
     */
    public void delivered(Map<UUID, Integer> statuses) {
        if (statuses.isEmpty()) {
            return;
        }
        tx.executeWithoutResult(status -> {
            jdbc.sql("SELECT set_config('synchronous_commit', 'off', true)")
                    .query(String.class)
                    .single();
            jdbc.sql(
                            "UPDATE webhook_delivery d SET status = 'DELIVERED', delivered_at = now(), last_attempt_at = now(),"
                                    + " last_response_status = a.status, last_error = NULL, lease_until = NULL"
                                    + " FROM unnest(CAST(:ids AS uuid[]), CAST(:statuses AS int[])) AS a(id, status) WHERE d.id = a.id")
                    .param("ids", statuses.keySet().toArray(UUID[]::new))
                    .param("statuses", statuses.values().toArray(Integer[]::new))
                    .update();
        });
    }

    /**
     * How long until the earliest queued delivery can be claimed (a retry falls due, a lease runs out); empty when
     * none is waiting for a moment to come.
     */
    public Optional<Duration> nextDueIn() {
        return jdbc.sql("SELECT CAST(extract(epoch FROM min(d.due) - now()) * 1000 AS bigint) FROM (SELECT"
                        + " greatest(next_attempt_at, coalesce(lease_until, next_attempt_at)) AS due FROM webhook_delivery"
                        + " WHERE status IN ('PENDING', 'FAILED_RETRYING')) d WHERE d.due > now()")
                .query((rs, row) -> {
                    long millis = rs.getLong(1);
                    return rs.wasNull() ? null : Duration.ofMillis(millis);
                })
                .optional();
    }

    /** A failed attempt: retried after {@code retryIn}, or EXPIRED when {@code stop} or past its expiry. */
    public void failed(UUID id, Integer status, String error, Duration retryIn, boolean stop) {
        jdbc.sql("UPDATE webhook_delivery SET last_attempt_at = now(), last_response_status = :status,"
                        + " last_error = :error, lease_until = NULL,"
                        + " status = CASE WHEN :stop OR now() + make_interval(secs => :retry) > expires_at"
                        + "   THEN 'EXPIRED' ELSE 'FAILED_RETRYING' END,"
                        + " next_attempt_at = now() + make_interval(secs => :retry) WHERE id = :id")
                .param("id", id)
                .param("status", status)
                .param("error", error)
                .param("stop", stop)
                .param("retry", retryIn.toMillis() / 1000.0)
                .update();
    }

    /** A disconnected plugin's deliveries not made yet: EXPIRED, so nothing more leaves for it. */
    public int stopPlugin(UUID teamId, UUID pluginId) {
        return jdbc.sql("UPDATE webhook_delivery SET status = 'EXPIRED', lease_until = NULL,"
                        + " last_error = 'The plugin was disconnected' WHERE team_id = :team AND plugin_id = :plugin"
                        + " AND status IN ('PENDING', 'FAILED_RETRYING')")
                .param("team", teamId)
                .param("plugin", pluginId)
                .update();
    }

    public List<Logged> list(UUID teamId, String status, UUID pluginId, UUID eventId, int skip, int limit) {
        return jdbc.sql("SELECT id, event_id, event, kind, plugin_id, url, status, attempts, last_attempt_at,"
                        + " next_attempt_at, last_response_status, last_error, created_at FROM webhook_delivery"
                        + " WHERE team_id = :team AND (CAST(:status AS text) IS NULL OR status = :status)"
                        + " AND (CAST(:plugin AS uuid) IS NULL OR plugin_id = :plugin)"
                        + " AND (CAST(:eventId AS uuid) IS NULL OR event_id = :eventId)"
                        + " ORDER BY created_at DESC, id DESC OFFSET :skip LIMIT :limit")
                .param("team", teamId)
                .param("status", status)
                .param("plugin", pluginId)
                .param("eventId", eventId)
                .param("skip", skip)
                .param("limit", limit)
                .query(WebhookOutbox::logged)
                .list();
    }

    /** Queues the delivery again now (the same event id, a new attempt), with a fresh retry period. */
    public Optional<Logged> redeliver(UUID teamId, UUID id) {
        return jdbc.sql("UPDATE webhook_delivery SET status = 'PENDING', next_attempt_at = now(), lease_until = NULL,"
                        + " delivered_at = NULL, expires_at = now() + make_interval(secs => :retention)"
                        + " WHERE team_id = :team AND id = :id RETURNING id, event_id, event, kind, plugin_id, url,"
                        + " status, attempts, last_attempt_at, next_attempt_at, last_response_status, last_error,"
                        + " created_at")
                .param("team", teamId)
                .param("id", id)
                .param("retention", (double) props.retention().toSeconds())
                .query(WebhookOutbox::logged)
                .optional();
    }

    public int pruneDelivered(Duration age) {
        return jdbc.sql("DELETE FROM webhook_delivery WHERE status = 'DELIVERED'"
                        + " AND delivered_at < now() - make_interval(secs => :age)")
                .param("age", (double) age.toSeconds())
                .update();
    }

    private static Logged logged(ResultSet rs, int row) throws SQLException {
        Object status = rs.getObject("last_response_status");
        return new Logged(
                rs.getObject("id", UUID.class),
                rs.getObject("event_id", UUID.class),
                rs.getString("event"),
                rs.getString("kind"),
                rs.getObject("plugin_id", UUID.class),
                rs.getString("url"),
                rs.getString("status"),
                rs.getInt("attempts"),
                Rows.instant(rs, "last_attempt_at"),
                Rows.instant(rs, "next_attempt_at"),
                status == null ? null : ((Number) status).intValue(),
                rs.getString("last_error"),
                Rows.instant(rs, "created_at"));
    }
}
