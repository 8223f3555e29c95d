package org.openchakra.db;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openchakra.cluster.ClusterNotices;
import org.openchakra.common.BackgroundThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How often the embedded PostgreSQL's autovacuum looks for tables to vacuum ({@code autovacuum_naptime}): every
 * {@link #BUSY} while the queue tables are being worked (V8_1 has them vacuumed every few thousand changes, so that
 * claims do not walk past dead rows), every {@link #IDLE} (PostgreSQL's default) once no work was announced for
 * {@link #IDLE_AFTER}. Each look starts a worker process, so at 2 s they were half of what an idle server and its
 * database cost (bench/README.md, idle); with nothing being changed there is nothing for them to find. Work is known
 * from the notices that every server process already sends when it changes those tables (the queues' wake-ups,
 * durable jobs, chats), so this costs no polling. An external PostgreSQL is its operator's to tune
 * (docs/decisions.md).
 */
@Component
class AutovacuumPace implements SmartLifecycle {

    static final String BUSY = "2s";
    static final String IDLE = "60s";
    static final Duration IDLE_AFTER = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(AutovacuumPace.class);
    /**
     * The wake-up topics of the two queue tables (inbound.InboundWorker, webhook.DeliveryWakeup), and of durable jobs
     * (job.JobWakeups: every execution scheduled, e.g. a bulk job's slices or a campaign's): a bulk create of 100 000
     * processes followed by their bulk update ran 7× slower when the new rows waited a minute for their first
     * analyze (bench/README.md, "No regression"). And of chats (chat.ChatChanges: every message sent or received,
     * one notice per recorder batch): on a fresh server the sends' batched write went from 1.7 to 30-45 ms once
     * the first chats were written again, until the first analyze of chat and chat_message a minute or more
     * later (bench/README.md, "Sends, fourth pass").
     */
    private static final String[] QUEUE_TOPICS = {"inbound", "webhook", "job", "job.alarm", "chat.changed"};

    private final JdbcClient jdbc;
    private final boolean embedded;
    private final Semaphore work = new Semaphore(0);
    /** Work last announced (System.nanoTime); a server starts idle. */
    private volatile long lastWork = System.nanoTime() - IDLE_AFTER.toNanos();

    private final BackgroundThread thread = new BackgroundThread("autovacuum-pace");

    AutovacuumPace(JdbcClient jdbc, ObjectProvider<EmbeddedPostgresServer.Lease> embedded, ClusterNotices notices) {
        this.jdbc = jdbc;
        this.embedded = embedded.getIfAvailable() != null;
        if (this.embedded) {
            for (String topic : QUEUE_TOPICS) {
                notices.subscribe(topic, payload -> {
                    lastWork = System.nanoTime();
                    work.release();
                });
            }
        }
    }

    @Override
    public void start() {
        if (embedded) {
            thread.start(this::run);
        }
    }

    @Override
    public void stop() {
        thread.stop(Duration.ZERO);
    }

    @Override
    public boolean isRunning() {
        return thread.isRunning();
    }

    private void run() {
        String current = null;
        while (thread.isCurrent()) {
            try {
                long idleFor = System.nanoTime() - lastWork;
                String wanted = idleFor >= IDLE_AFTER.toNanos() ? IDLE : BUSY;
                if (!wanted.equals(current)) {
                    naptime(wanted);
                    current = wanted;
                }
                if (current.equals(IDLE)) {
                    work.acquire(); // until work is announced
                } else if (work.tryAcquire(IDLE_AFTER.toNanos() - idleFor, TimeUnit.NANOSECONDS)) {
                    // More work: look at the clock again, without waking again for each announcement.
                    Thread.sleep(IDLE_AFTER.dividedBy(4));
                }
                work.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!thread.isCurrent()) {
                    return;
                }
                log.warn("Could not set autovacuum_naptime: {}", e.toString());
                current = null;
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException stopping) {
                    return;
                }
            }
        }
    }

    /** ALTER SYSTEM, read by PostgreSQL on the reload; the launcher works out its schedule again at once. */
    private void naptime(String value) {
        jdbc.sql("ALTER SYSTEM SET autovacuum_naptime = '" + value + "'").update();
        jdbc.sql("SELECT pg_reload_conf()").query(Boolean.class).single();
        log.debug("autovacuum_naptime = {}", value);
    }
}
