package org.openchakra.job;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import com.github.kagkarlsson.scheduler.CurrentlyExecuting;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.event.SchedulerListener;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * db-scheduler's housekeeper threads, with its dead-execution check run only while some execution may be picked.
 *
 * <p>db-scheduler looks for executions whose server died (picked, last heartbeat older than the missed beats
 * allow) every two heartbeats on every server, whether anything runs or not: on an idle server that look was the
 * largest periodic cost left, each a connection check and a query (bench/README.md, "idle6"). An execution can
 * only die once picked, and every pick is announced: the server that picks one announces it as the execution
 * starts ({@link JobWakeups#announcePicked}), and every server then checks at db-scheduler's pace ({@link #arm})
 * until a look finds no execution picked at all. A server checks as it starts (what a killed predecessor left),
 * after a gap in the notices, and every {@code backstop} for a pick whose notice was lost with its server (killed
 * between the pick and the notice, or a server of an older version, which announces none).
 *
 * <p>db-scheduler schedules two tasks on {@link #housekeeper()}: the heartbeat pass every heartbeat (left as it is:
 * it reads the database only while this server runs an execution) and the dead-execution check every two, told
 * apart by their period. (Not a bean of its own: Spring would take any {@code ScheduledExecutorService} bean for
 * its {@code @Scheduled} tasks.)
 */
final class DeadExecutionWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeadExecutionWatch.class);

    private final Housekeeper housekeeper = new Housekeeper();
    private final long checkEvery;
    private final long backstop;
    private final BooleanSupplier anyPicked;
    /** Counts {@link #arm} calls, so that a look that began before an announcement never stops the checks. */
    private final AtomicLong arms = new AtomicLong();

    /** db-scheduler's dead-execution check; null until it schedules it. Guarded by {@code this}. */
    private Runnable check;
    /** The checks at db-scheduler's pace while armed; null while none may be picked. Guarded by {@code this}. */
    private ScheduledFuture<?> checking;

    /**
     * @param heartbeat db-scheduler's heartbeat interval: it checks for dead executions every two
     * @param anyPicked whether the database holds any execution picked by any server
     */
    DeadExecutionWatch(Duration heartbeat, Duration backstop, BooleanSupplier anyPicked) {
        this.checkEvery = heartbeat.multipliedBy(2).toNanos();
        this.backstop = backstop.toNanos();
        this.anyPicked = anyPicked;
    }

    /** For db-scheduler ({@code SchedulerBuilder.housekeeperExecutor}), which shuts it down when it stops. */
    ScheduledExecutorService housekeeper() {
        return housekeeper;
    }

    @Override
    public void close() {
        housekeeper.shutdownNow();
    }

    /** Some execution may be picked: check for dead ones now and at db-scheduler's pace until none is picked. */
    void arm() {
        arms.incrementAndGet();
        synchronized (this) {
            if (check == null || checking != null || housekeeper.isShutdown()) {
                return;
            }
            try {
                checking = housekeeper.every(this::checkOnce, 0, checkEvery);
            } catch (RejectedExecutionException stopping) {
                // The scheduler is stopping.
            }
        }
    }

    /** Announces each execution this server starts (every server, this one too, then arms). */
    SchedulerListener announcer(Runnable announcePicked) {
        return new AbstractSchedulerListener() {
            @Override
            public void onExecutionStart(CurrentlyExecuting currentlyExecuting) {
                try {
                    announcePicked.run();
                } catch (RuntimeException unreachable) {
                    // The database is away: the others find this pick at their backstop.
                    log.warn("Could not announce an execution picked to the other processes", unreachable);
                    arm();
                }
            }
        };
    }

    /** Whether the dead-execution check runs at db-scheduler's pace now (for tests). */
    synchronized boolean armed() {
        return checking != null;
    }

    private void checkOnce() {
        long armedAt = arms.get();
        check.run();
        boolean none;
        try {
            none = !anyPicked.getAsBoolean();
        } catch (RuntimeException unreachable) {
            log.debug("Could not tell whether an execution is picked; checking again", unreachable);
            return;
        }
        synchronized (this) {
            // An announcement since this look began may name a pick it did not see: keep checking.
            if (none && arms.get() == armedAt && checking != null) {
                checking.cancel(false);
                checking = null;
            }
        }
    }

    /** db-scheduler's housekeeper threads: its dead-execution check is handed to the watch. */
    private final class Housekeeper extends ScheduledThreadPoolExecutor {

        Housekeeper() {
            super(
                    2,
                    Thread.ofPlatform()
                            .daemon()
                            .name("db-scheduler-housekeeper-", 1)
                            .factory());
            setRemoveOnCancelPolicy(true);
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(
                Runnable command, long initialDelay, long delay, TimeUnit unit) {
            if (unit.toNanos(delay) != checkEvery) {
                return super.scheduleWithFixedDelay(command, initialDelay, delay, unit);
            }
            synchronized (DeadExecutionWatch.this) {
                check = command;
            }
            arm();
            return every(DeadExecutionWatch.this::arm, backstop, backstop);
        }

        ScheduledFuture<?> every(Runnable task, long initialDelay, long delay) {
            return super.scheduleWithFixedDelay(task, initialDelay, delay, NANOSECONDS);
        }
    }
}
