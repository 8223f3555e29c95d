package org.openchakra.inbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.openchakra.cluster.ClusterNotices;
import org.openchakra.cluster.ClusterWakeup;
import org.openchakra.common.LoopWakeup;
import org.openchakra.webhook.WebhookOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works the stored notifications in every server process: loops on platform threads take a queue at a time
 * (see {@link NotificationStore}) and apply a batch of it in one transaction, so processes share the work
 * and a killed process's batch is rolled back and taken again by another.
 *
 * <p>Idle loops sleep ({@link LoopWakeup}): a stored POST wakes this process's loops at once and every other
 * process's through a cluster notice sent with it; a failed notification wakes them when its retry is due; and
 * they look anyway every {@code pollInterval} (30 s), for work of a process that died before doing it.
 * Housekeeping (orphaned statuses adopted once their message is there, old rows pruned) runs every second
 * while young orphans wait, else every ten minutes.
 */
@Component
class InboundWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboundWorker.class);
    private static final Duration ADOPT_EVERY = Duration.ofSeconds(1);
    /** An orphan this young may still see its message recorded: adoption is tried every second meanwhile. */
    private static final Duration YOUNG_ORPHAN = Duration.ofMinutes(2);

    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);
    private static final Duration ORPHAN_MAX_AGE = Duration.ofDays(7);
    /** A process announces new notifications to the others at most this often. */
    private static final Duration ANNOUNCE_GAP = Duration.ofMillis(100);
    /** A loop that did some work waits this long before its next pass (see {@link #loop}). */
    private static final Duration PASS_GAP = Duration.ofMillis(25);

    private final NotificationStore store;
    private final NotificationProcessor processor;
    private final StatusUpdates statuses;
    private final InboundProperties props;
    private final TransactionTemplate tx;
    private final WebhookOutbox outbox;
    private final LoopWakeup wakeup;
    private final ClusterWakeup announcements;
    private final ReentrantLock housekeeping = new ReentrantLock();
    private final AtomicLong nextHousekeeping = new AtomicLong(System.nanoTime());
    private final List<Thread> loops = new ArrayList<>();
    /** Batches that failed and were applied again one notification at a time. */
    private final AtomicLong redone = new AtomicLong();

    private volatile boolean running;
    private long nextPrune = System.nanoTime();

    InboundWorker(
            NotificationStore store,
            NotificationProcessor processor,
            StatusUpdates statuses,
            InboundProperties props,
            TransactionTemplate tx,
            WebhookOutbox outbox,
            ClusterNotices notices) {
        this.outbox = outbox;
        this.store = store;
        this.processor = processor;
        this.statuses = statuses;
        this.props = props;
        this.tx = tx;
        this.wakeup = new LoopWakeup(props.workers());
        this.announcements = new ClusterWakeup(notices, "inbound", ANNOUNCE_GAP);
        announcements.onAnnouncement(wakeup::wake);
        statuses.whenOrphanStored(() -> housekeepWithin(ADOPT_EVERY));
    }

    /** In the transaction that stores notifications: every process's loops look once it commits. */
    void announce() {
        announcements.announce();
    }

    /** Called after a notification is stored: a loop picks it up without waiting. */
    public void wake() {
        wakeup.wake();
    }

    @Override
    public synchronized void start() {
        running = true;
        for (int i = 0; i < props.workers(); i++) {
            // A platform thread: on a virtual one, each of its statements queued for a carrier behind every
            // request being served, and under load the loop crawled (PostgreSQL sat idle in transaction).
            loops.add(Thread.ofPlatform().daemon().name("inbound-" + i).start(this::loop));
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

    private void loop() {
        store.nextRetryIn().ifPresent(wakeup::wakeAfter);
        while (running) {
            try {
                int done = workOnce();
                housekeepIfDue();
                if (done == 0) {
                    wakeup.await(props.pollInterval());
                } else if (done < props.batchSize()) {
                    // Not straight back: a pass has fixed statements (the look, each transaction's lock, read,
                    // deletion and commit), and under load a loop that looked again at once found a handful of
                    // notifications each time. Meanwhile the other loops still answer wake-ups, so a lone
                    // notification is not held up; a pass that found a full batch goes on at once.
                    Thread.sleep(PASS_GAP);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // The database may be restarting: the notifications wait durably, so pause and go on.
                log.warn("Inbound loop: {}", e.toString());
                sleepQuietly(Duration.ofMillis(250));
            }
        }
    }

    /**
     * One pass over the queues that have work; answers how many notifications were applied. Each transaction takes
     * a share of them ({@link #queuesPerBatch}): at one queue per transaction, a batch held a handful of
     * notifications under load and its fixed statements (lock, read, marks, events) were paid that often.
     */
    private int workOnce() {
        List<Integer> queues = new ArrayList<>(store.queuesWithWork());
        // Loops of all processes look at the same list: starting at different places, they rarely collide.
        Collections.shuffle(queues);
        int done = 0;
        int share = queuesPerBatch();
        for (int from = 0; from < queues.size(); from += share) {
            if (!running) {
                break;
            }
            done += workQueues(queues.subList(from, Math.min(queues.size(), from + share)));
        }
        return done;
    }

    /** Enough queues per transaction that every loop of this process can have a share of them at once. */
    private int queuesPerBatch() {
        return Math.max(1, NotificationStore.QUEUES / props.workers());
    }

    /**
     * A batch of some queues in one transaction, which holds the queues' locks and commits the notifications'
     * effects, their customer events and their deletion together. If any of them fails, the batch is
     * rolled back and done again one notification at a time, each in a savepoint, so that the one at fault
     * waits for its retry (and with it the rest of its customer's notifications) and the others go on.
     */
    private int workQueues(List<Integer> queues) {
        try {
            return tx.execute(status -> applyBatch(queues, null));
        } catch (RuntimeException batchFailed) {
            log.debug("Inbound batch rolled back, applying it one by one: {}", batchFailed.toString());
            redone.incrementAndGet();
            return tx.execute(status -> applyBatch(queues, status));
        }
    }

    /** Applies a batch of the queues: all at once when {@code oneByOne} is null, else in a savepoint each. */
    private int applyBatch(List<Integer> queues, TransactionStatus oneByOne) {
        List<Integer> mine = store.lockQueues(queues);
        if (mine.isEmpty()) {
            return 0; // other loops, here or in other processes, are working them
        }
        NotificationStore.Batch batch = store.due(mine, props.batchSize());
        List<NotificationStore.Claimed> due = batch.due();
        if (due.isEmpty()) {
            return 0;
        }
        Map<String, Long> waiting = batch.waiting();
        List<Long> applied = new ArrayList<>(due.size());
        if (oneByOne == null) {
            List<NotificationStore.Claimed> ready =
                    due.stream().filter(c -> !behindARetry(c, waiting)).toList();
            outbox.batched(() -> processor.applyAll(ready));
            ready.forEach(c -> applied.add(c.id()));
        } else {
            Map<String, Long> held = new HashMap<>(waiting);
            for (NotificationStore.Claimed c : due) {
                if (behindARetry(c, held)) {
                    continue;
                }
                Object savepoint = oneByOne.createSavepoint();
                try {
                    outbox.batched(() -> processor.apply(c));
                    oneByOne.releaseSavepoint(savepoint);
                    applied.add(c.id());
                } catch (RuntimeException e) {
                    oneByOne.rollbackToSavepoint(savepoint);
                    failed(c, e);
                    held.put(c.orderKey(), c.id());
                }
            }
        }
        store.processed(applied);
        return applied.size();
    }

    /** How many batches this process applied again one notification at a time since it started. */
    long batchesRedone() {
        return redone.get();
    }

    private static boolean behindARetry(NotificationStore.Claimed c, Map<String, Long> waiting) {
        Long first = waiting.get(c.orderKey());
        return first != null && first < c.id();
    }

    private void failed(NotificationStore.Claimed c, RuntimeException e) {
        int attempts = c.attempts() + 1;
        boolean giveUp = attempts >= props.maxAttempts();
        Duration delay = Duration.ofSeconds(Math.min(300, 1L << Math.min(attempts, 8)));
        // The innermost cause says what went wrong (the database's own message); Spring's wrapper mostly
        // repeats the statement, and the stored error is cut at 500 characters.
        String error = NestedExceptionUtils.getMostSpecificCause(e).toString();
        log.warn("Notification {} failed (attempt {}{}): {}", c.id(), attempts, giveUp ? ", set aside" : "", error);
        store.failed(c.id(), error, delay, giveUp);
        if (!giveUp) {
            wakeup.wakeAfter(delay);
        }
    }

    /** Housekeeping runs within {@code delay} (sooner if it was due sooner). */
    private void housekeepWithin(Duration delay) {
        long at = System.nanoTime() + delay.toNanos();
        nextHousekeeping.accumulateAndGet(at, (current, wanted) -> wanted - current < 0 ? wanted : current);
        wakeup.wakeAfter(delay);
    }

    /** Statuses that beat their message in, applied once it is there; and pruning, now and then. */
    private void housekeepIfDue() {
        long now = System.nanoTime();
        if (now - nextHousekeeping.get() < 0 || !housekeeping.tryLock()) {
            return;
        }
        try {
            nextHousekeeping.set(now + PRUNE_EVERY.toNanos());
            tx.executeWithoutResult(status -> statuses.claimAdoptable(500).forEach(statuses::adopt));
            if (now - nextPrune >= 0) {
                nextPrune = now + PRUNE_EVERY.toNanos();
                statuses.pruneOrphans(ORPHAN_MAX_AGE);
            }
            if (statuses.anyYoungerThan(YOUNG_ORPHAN)) {
                housekeepWithin(ADOPT_EVERY);
            }
        } finally {
            housekeeping.unlock();
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
