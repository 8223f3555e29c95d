package org.openchakra.inbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works the stored notifications in every server process: loops on virtual threads claim batches under a
 * lease ({@code SKIP LOCKED}), so processes share the work and a killed process's claims are retaken when
 * their lease ends. A POST wakes a loop at once; an idle loop also polls, for work other processes stored.
 * One loop also adopts orphaned statuses and prunes old rows.
 */
@Component
public class InboundWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboundWorker.class);
    private static final Duration HOUSEKEEPING_EVERY = Duration.ofSeconds(1);
    private static final Duration ORPHAN_MAX_AGE = Duration.ofDays(7);

    private final NotificationStore store;
    private final NotificationProcessor processor;
    private final StatusUpdates statuses;
    private final InboundProperties props;
    private final TransactionTemplate tx;
    private final Semaphore work = new Semaphore(0);
    private final List<Thread> loops = new ArrayList<>();
    private volatile boolean running;
    private long lastPrune;

    InboundWorker(NotificationStore store, NotificationProcessor processor, StatusUpdates statuses,
            InboundProperties props, TransactionTemplate tx) {
        this.store = store;
        this.processor = processor;
        this.statuses = statuses;
        this.props = props;
        this.tx = tx;
    }

    /** Called after a notification is stored: a loop picks it up without waiting for its poll. */
    public void wake() {
        if (work.availablePermits() < props.workers()) {
            work.release();
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        for (int i = 0; i < props.workers(); i++) {
            boolean housekeeper = i == 0;
            loops.add(Thread.ofVirtual().name("inbound-" + i).start(() -> loop(housekeeper)));
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        loops.forEach(Thread::interrupt);
        for (Thread loop : loops) {
            try {
                loop.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        loops.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop(boolean housekeeper) {
        long nextHousekeeping = 0;
        while (running) {
            try {
                int done = workOnce();
                if (housekeeper && System.nanoTime() - nextHousekeeping > 0) {
                    housekeeping();
                    nextHousekeeping = System.nanoTime() + HOUSEKEEPING_EVERY.toNanos();
                }
                if (done == 0) {
                    work.tryAcquire(props.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // The database may be restarting: the notifications wait durably, so pause and go on.
                log.warn("Inbound loop: {}", e.toString());
                sleepQuietly(props.pollInterval());
            }
        }
    }

    private int workOnce() {
        List<NotificationStore.Claimed> batch = store.claim(props.batchSize(), props.lease());
        for (NotificationStore.Claimed claimed : batch) {
            try {
                processor.process(claimed);
            } catch (RuntimeException e) {
                boolean giveUp = claimed.attempts() >= props.maxAttempts();
                Duration delay = Duration.ofSeconds(Math.min(300, 1L << Math.min(claimed.attempts(), 8)));
                log.warn("Notification {} failed (attempt {}{}): {}", claimed.id(), claimed.attempts(),
                        giveUp ? ", set aside" : "", e.toString());
                store.failed(claimed.id(), e.toString(), delay, giveUp);
            }
        }
        return batch.size();
    }

    /** Statuses that beat their message in, applied once it is there; and pruning, now and then. */
    private void housekeeping() {
        tx.executeWithoutResult(status -> statuses.claimAdoptable(500).forEach(statuses::adopt));
        long now = System.nanoTime();
        if (now - lastPrune > Duration.ofMinutes(10).toNanos() || lastPrune == 0) {
            lastPrune = now;
            store.prune(props.retention());
            statuses.pruneOrphans(ORPHAN_MAX_AGE);
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
