package org.openchakra.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openchakra.common.Rows;
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
    private final TransactionTemplate tx;
    private final WebhookProperties props;
    private final DeliveryWakeup wakeup;
    private final ThreadLocal<List<NewDelivery>> collecting = new ThreadLocal<>();

    public WebhookOutbox(JdbcClient jdbc, TransactionTemplate tx, WebhookProperties props, DeliveryWakeup wakeup) {
        this.jdbc = jdbc;
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
        // One statement: rows are inserted in the order given, so created_at (clock_timestamp) keeps the order the
        // events were added in. Each queue's row is created, or locked (the DO UPDATE that updates nothing) until
        // this transaction ends, so that a queue is never dropped as empty while its new events are uncommitted
        // (see advance). A new queue is claimable at once. A writer whose events are older than the row's `from` (it
        // inserted them before another writer made the row, then waited for it) lowers it, so that they are found.
        jdbc.sql("""
                WITH added AS (
                    INSERT INTO webhook_delivery (team_id, plugin_id, event, kind, url, order_key, body, expires_at)
                    SELECT n.team_id, n.plugin_id, n.event, n.kind, n.url, n.order_key, n.body,
                        now() + make_interval(secs => :retention)
                    FROM unnest(CAST(:teams AS uuid[]), CAST(:plugins AS uuid[]), CAST(:events AS text[]),
                        CAST(:kinds AS text[]), CAST(:urls AS text[]), CAST(:keys AS text[]), CAST(:bodies AS bytea[]))
                        WITH ORDINALITY AS n(team_id, plugin_id, event, kind, url, order_key, body, i)
                    ORDER BY n.i
                    RETURNING id, url, order_key, created_at, next_attempt_at
                )
                INSERT INTO webhook_queue AS q (url, order_key, head_id, due, from_created_at, from_id)
                SELECT DISTINCT ON (url, order_key) url, order_key, id, next_attempt_at, created_at, id FROM added
                ORDER BY url, order_key, created_at, id
                ON CONFLICT (url, order_key) DO UPDATE SET from_created_at = excluded.from_created_at,
                    from_id = excluded.from_id
                WHERE (excluded.from_created_at, excluded.from_id) < (q.from_created_at, q.from_id)
                """)
                .param("retention", (double) props.retention().toSeconds())
                .param("teams", deliveries.stream().map(NewDelivery::teamId).toArray(UUID[]::new))
                .param("plugins", deliveries.stream().map(NewDelivery::pluginId).toArray(UUID[]::new))
                .param("events", deliveries.stream().map(NewDelivery::event).toArray(String[]::new))
                .param("kinds", deliveries.stream().map(NewDelivery::kind).toArray(String[]::new))
                .param("urls", deliveries.stream().map(NewDelivery::url).toArray(String[]::new))
                .param("keys", deliveries.stream().map(NewDelivery::orderKey).toArray(String[]::new))
                .param("bodies", deliveries.stream().map(NewDelivery::body).toArray(byte[][]::new))
                .update();
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

    /** A delivery queue: a receiver's URL and the key (a chat) whose events go to it in order. */
    public record Queue(String url, String orderKey) {}

    /**
     * Up to {@code limit} due deliveries that head their (URL, order key) queue, leased (on their queue's row) so that
     * no other loop of any process sends them meanwhile. Queues are taken in the order their heads fell due (a queue whose head was just
     * delivered goes to the back of the line), from the table of ready queues: a claim reads the rows it claims, not
     * every queue with work. A queue another transaction holds (a claim, a mark, new events not yet committed) is
     * skipped, never waited for.
     */
    public List<Claimed> claim(int limit, Duration lease) {
        List<Claimed> claimed = new ArrayList<>();
        List<Queue> stale = new ArrayList<>();
        // The lease is the queue row's (due and in_flight_until at its end), which the claim updates anyway: a claim
        // writes no new version of the delivery (its body with it). Its attempt is counted when it is answered.
        jdbc.sql("""
                WITH picked AS (
                    SELECT q.ctid AS row, q.url, q.order_key, q.head_id FROM webhook_queue q
                    WHERE q.due <= now() ORDER BY q.due LIMIT :limit FOR UPDATE SKIP LOCKED
                ), queues AS (
                    UPDATE webhook_queue q SET due = now() + make_interval(secs => :lease),
                        in_flight_until = now() + make_interval(secs => :lease)
                    WHERE q.ctid = ANY(ARRAY(SELECT row FROM picked))
                )
                SELECT p.url, p.order_key, d.id, d.team_id, d.event_id, d.event, d.body, d.attempts + 1 AS attempts,
                    d.created_at, d.expires_at
                FROM picked p LEFT JOIN webhook_delivery d
                    ON d.id = p.head_id AND d.status IN ('PENDING', 'FAILED_RETRYING')
                """)
                .param("lease", (double) lease.toSeconds())
                .param("limit", limit)
                .query(rs -> {
                    String url = rs.getString("url");
                    String orderKey = rs.getString("order_key");
                    UUID id = rs.getObject("id", UUID.class);
                    if (id == null) {
                        stale.add(new Queue(url, orderKey));
                        return;
                    }
                    claimed.add(new Claimed(
                            id,
                            rs.getObject("team_id", UUID.class),
                            rs.getObject("event_id", UUID.class),
                            rs.getString("event"),
                            url,
                            orderKey,
                            rs.getBytes("body"),
                            rs.getInt("attempts"),
                            Rows.instant(rs, "created_at"),
                            Rows.instant(rs, "expires_at")));
                });
        if (!stale.isEmpty()) {
            // A queue whose head is no longer to be sent (or is leased already): its row is put right, not retried.
            tx.executeWithoutResult(status -> {
                lock(stale);
                advance(stale);
            });
        }
        return claimed;
    }

    /**
     * Locks the rows of these queues, in one order (two transactions locking the same queues never deadlock), until
     * the transaction ends: a transaction that adds events to one of them waits meanwhile, and the statements that
     * follow see every event committed before.
     */
    private void lock(Collection<Queue> queues) {
        // One index probe per queue, in the order of the sorted keys: a LATERAL with FOR UPDATE is never flattened
        // into a join, which the planner could make a scan of the whole table.
        jdbc.sql("""
                SELECT 1 FROM (SELECT DISTINCT url, order_key FROM unnest(CAST(:urls AS text[]), CAST(:keys AS text[]))
                    AS k(url, order_key) ORDER BY url, order_key) k,
                LATERAL (SELECT 1 FROM webhook_queue q WHERE q.url = k.url AND q.order_key = k.order_key FOR UPDATE) q
                """)
                .param("urls", queues.stream().map(Queue::url).toArray(String[]::new))
                .param("keys", queues.stream().map(Queue::orderKey).toArray(String[]::new))
                .query((rs, row) -> 1)
                .list();
    }

    /**
     * Puts the rows of these queues (locked by {@link #lock}) right after their heads changed: a head still to be
     * sent stays, due at its next attempt or the end of its lease (in flight); else the queue's oldest delivery to be
     * sent heads it, due now at the earliest (behind the queues already waiting), or the queue's row goes when there
     * is none.
     */
    private void advance(Collection<Queue> queues) {
        jdbc.sql("""
                WITH k AS (
                    SELECT DISTINCT url, order_key FROM unnest(CAST(:urls AS text[]), CAST(:keys AS text[]))
                        AS k(url, order_key)
                ), heads AS (
                    SELECT k.url, k.order_key, q.row, coalesce(cur.id, nxt.id) AS id, coalesce(cur.due, nxt.due) AS due,
                        CASE WHEN cur.id IS NOT NULL THEN q.in_flight_until END AS in_flight_until,
                        CASE WHEN cur.id IS NOT NULL THEN q.from_created_at ELSE nxt.created_at END AS from_created_at,
                        CASE WHEN cur.id IS NOT NULL THEN q.from_id ELSE nxt.id END AS from_id
                    FROM k
                    LEFT JOIN LATERAL (
                        SELECT q.ctid AS row, q.head_id, q.in_flight_until, q.from_created_at, q.from_id
                        FROM webhook_queue q WHERE q.url = k.url AND q.order_key = k.order_key LIMIT 1) q ON true
                    LEFT JOIN LATERAL (
                        SELECT d.id, greatest(d.next_attempt_at, q.in_flight_until) AS due FROM webhook_delivery d
                        WHERE d.id = q.head_id AND d.status IN ('PENDING', 'FAILED_RETRYING') LIMIT 1) cur ON true
                    -- From the row's `from` on (every delivery to be sent is there or later), so delivered ones are
                    -- not stepped over; from the queue's first delivery when it has no row.
                    LEFT JOIN LATERAL (
                        SELECT d.id, d.created_at, greatest(d.next_attempt_at, now()) AS due FROM webhook_delivery d
                        WHERE cur.id IS NULL AND d.url = k.url AND d.order_key = k.order_key
                          AND (d.created_at, d.id) >= (coalesce(q.from_created_at, '-infinity'),
                              coalesce(q.from_id, '00000000-0000-0000-0000-000000000000'))
                          AND d.status IN ('PENDING', 'FAILED_RETRYING')
                        ORDER BY d.created_at, d.id LIMIT 1) nxt ON true
                ), emptied AS (
                    DELETE FROM webhook_queue q
                    WHERE q.ctid = ANY(ARRAY(SELECT row FROM heads WHERE id IS NULL AND row IS NOT NULL))
                )
                INSERT INTO webhook_queue AS q (url, order_key, head_id, due, in_flight_until, from_created_at, from_id)
                SELECT url, order_key, id, due, in_flight_until, from_created_at, from_id FROM heads WHERE id IS NOT NULL
                ON CONFLICT (url, order_key) DO UPDATE SET head_id = excluded.head_id, due = excluded.due,
                    in_flight_until = excluded.in_flight_until, from_created_at = excluded.from_created_at,
                    from_id = excluded.from_id
                """)
                .param("urls", queues.stream().map(Queue::url).toArray(String[]::new))
                .param("keys", queues.stream().map(Queue::orderKey).toArray(String[]::new))
                .update();
    }

    /** An answered delivery: its status, and its queue. */
    public record Delivered(UUID id, int status, Queue queue) {}

    /**
     * Deliveries answered 2xx, with the status each got; the next heads of their queues and of {@code waiting} (queues
     * a previous call could not lock) become due. Answers the queues whose rows another transaction holds (new events
     * not yet committed, a claim): they are not waited for, so that marks never hold one queue while waiting for
     * another (a deadlock with a transaction that adds events to two queues); the caller tries them again. Not
     * flushed to disk before the next batch goes out: a mark lost in a crash means one more delivery of the same event
     * id, which receivers must accept anyway.
     */
    public Set<Queue> delivered(List<Delivered> answered, Collection<Queue> waiting) {
        Set<Queue> queues = new LinkedHashSet<>(waiting);
        answered.forEach(a -> queues.add(a.queue()));
        if (queues.isEmpty()) {
            return Set.of();
        }
        return tx.execute(status -> {
            jdbc.sql("SELECT set_config('synchronous_commit', 'off', true)")
                    .query(String.class)
                    .single();
            if (!answered.isEmpty()) {
                jdbc.sql(
                                "UPDATE webhook_delivery d SET status = 'DELIVERED', delivered_at = now(), last_attempt_at = now(),"
                                        + " last_response_status = a.status, last_error = NULL, attempts = d.attempts + 1"
                                        + " FROM unnest(CAST(:ids AS uuid[]), CAST(:statuses AS int[])) AS a(id, status) WHERE d.id = a.id")
                        .param("ids", answered.stream().map(Delivered::id).toArray(UUID[]::new))
                        .param(
                                "statuses",
                                answered.stream().map(Delivered::status).toArray(Integer[]::new))
                        .update();
            }
            // Each queue's row: locked now, held by another transaction, or gone (nothing to put right).
            List<Queue> locked = new ArrayList<>();
            Set<Queue> held = new LinkedHashSet<>();
            jdbc.sql("""
                    SELECT k.url, k.order_key, q.locked IS NOT NULL AS locked,
                        EXISTS (SELECT 1 FROM webhook_queue e WHERE e.url = k.url AND e.order_key = k.order_key) AS present
                    FROM (SELECT DISTINCT url, order_key FROM unnest(CAST(:urls AS text[]), CAST(:keys AS text[]))
                        AS k(url, order_key) ORDER BY url, order_key) k
                    LEFT JOIN LATERAL (SELECT true AS locked FROM webhook_queue q
                        WHERE q.url = k.url AND q.order_key = k.order_key FOR UPDATE SKIP LOCKED) q ON true
                    """)
                    .param("urls", queues.stream().map(Queue::url).toArray(String[]::new))
                    .param("keys", queues.stream().map(Queue::orderKey).toArray(String[]::new))
                    .query(rs -> {
                        Queue queue = new Queue(rs.getString("url"), rs.getString("order_key"));
                        if (rs.getBoolean("locked")) {
                            locked.add(queue);
                        } else if (rs.getBoolean("present")) {
                            held.add(queue);
                        }
                    });
            if (!locked.isEmpty()) {
                advance(locked);
            }
            return held;
        });
    }

    /**
     * How long until the earliest queued delivery can be claimed (a retry falls due, a lease runs out); empty when
     * none is waiting for a moment to come.
     */
    public Optional<Duration> nextDueIn() {
        return jdbc.sql("SELECT CAST(extract(epoch FROM min(due) - now()) * 1000 AS bigint) FROM webhook_queue"
                        + " WHERE due > now()")
                .query((rs, row) -> {
                    long millis = rs.getLong(1);
                    return rs.wasNull() ? null : Duration.ofMillis(millis);
                })
                .optional();
    }

    /** A failed attempt: retried after {@code retryIn}, or EXPIRED when {@code stop} or past its expiry. */
    public void failed(UUID id, Queue queue, Integer status, String error, Duration retryIn, boolean stop) {
        tx.executeWithoutResult(st -> {
            lock(List.of(queue));
            // The head is no longer in flight: its queue is due at its next attempt, not at the end of the lease.
            jdbc.sql("WITH released AS (UPDATE webhook_queue SET in_flight_until = NULL WHERE url = :url"
                            + " AND order_key = :key AND head_id = :id)"
                            + " UPDATE webhook_delivery SET last_attempt_at = now(), last_response_status = :status,"
                            + " last_error = :error, attempts = attempts + 1,"
                            + " status = CASE WHEN :stop OR now() + make_interval(secs => :retry) > expires_at"
                            + "   THEN 'EXPIRED' ELSE 'FAILED_RETRYING' END,"
                            + " next_attempt_at = now() + make_interval(secs => :retry) WHERE id = :id")
                    .param("id", id)
                    .param("url", queue.url())
                    .param("key", queue.orderKey())
                    .param("status", status)
                    .param("error", error)
                    .param("stop", stop)
                    .param("retry", retryIn.toMillis() / 1000.0)
                    .update();
            advance(List.of(queue));
        });
    }

    /** A disconnected plugin's deliveries not made yet: EXPIRED, so nothing more leaves for it. */
    public int stopPlugin(UUID teamId, UUID pluginId) {
        return tx.execute(st -> {
            List<Queue> queues = jdbc.sql("SELECT DISTINCT url, order_key FROM webhook_delivery WHERE team_id = :team"
                            + " AND plugin_id = :plugin AND status IN ('PENDING', 'FAILED_RETRYING')")
                    .param("team", teamId)
                    .param("plugin", pluginId)
                    .query((rs, row) -> new Queue(rs.getString("url"), rs.getString("order_key")))
                    .list();
            if (queues.isEmpty()) {
                return 0;
            }
            lock(queues);
            int stopped = jdbc.sql("UPDATE webhook_delivery SET status = 'EXPIRED',"
                            + " last_error = 'The plugin was disconnected' WHERE team_id = :team AND plugin_id = :plugin"
                            + " AND status IN ('PENDING', 'FAILED_RETRYING')")
                    .param("team", teamId)
                    .param("plugin", pluginId)
                    .update();
            advance(queues);
            return stopped;
        });
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

    /**
     * Queues the delivery again now (the same event id, a new attempt), with a fresh retry period; behind its queue's
     * head if the queue has one.
     */
    public Optional<Logged> redeliver(UUID teamId, UUID id) {
        return tx.execute(st -> {
            Optional<Queue> queue = jdbc.sql(
                            "SELECT url, order_key FROM webhook_delivery WHERE team_id = :team AND id = :id")
                    .param("team", teamId)
                    .param("id", id)
                    .query((rs, row) -> new Queue(rs.getString("url"), rs.getString("order_key")))
                    .optional();
            if (queue.isEmpty()) {
                return Optional.<Logged>empty();
            }
            lock(List.of(queue.get()));
            // Behind its queue's head, but perhaps older than the row's `from`: the look for the next head starts
            // there.
            jdbc.sql("UPDATE webhook_queue q SET from_created_at = d.created_at, from_id = d.id FROM webhook_delivery d"
                            + " WHERE d.id = :id AND q.url = d.url AND q.order_key = d.order_key"
                            + " AND (d.created_at, d.id) < (q.from_created_at, q.from_id)")
                    .param("id", id)
                    .update();
            Optional<Logged> again = jdbc.sql("UPDATE webhook_delivery SET status = 'PENDING', next_attempt_at = now(),"
                            + " delivered_at = NULL, expires_at = now() + make_interval(secs => :retention)"
                            + " WHERE team_id = :team AND id = :id RETURNING id, event_id, event, kind, plugin_id, url,"
                            + " status, attempts, last_attempt_at, next_attempt_at, last_response_status, last_error,"
                            + " created_at")
                    .param("team", teamId)
                    .param("id", id)
                    .param("retention", (double) props.retention().toSeconds())
                    .query(WebhookOutbox::logged)
                    .optional();
            advance(List.of(queue.get()));
            wakeup.announce();
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wakeup.wake();
                }
            });
            return again;
        });
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
