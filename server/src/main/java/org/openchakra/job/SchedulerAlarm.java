package org.openchakra.job;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes the scheduler of every process when an execution falls due: at once for one due now, at its time for
 * one due later (a slice's retry after a failure, a slice that found its server busy, a campaign's slices at its
 * {@code startAt}). Every execution scheduled through db-scheduler is announced to every process with its moment
 * ({@link JobWakeups#announceAlarm}, in the scheduling transaction), and each process sets its own alarm: a slice
 * handed back by a process that is shutting down is taken by another at once, and an alarm set for later still
 * rings if the process that set it has died since. The scheduler's own poll ({@code
 * OPENCHAKRA_JOBS_POLLING_INTERVAL}) is then only the backstop for a notice lost with its sender (a process that
 * died between its commit and the notice) and for work due after a restart.
 *
 * <p>This process also sets its alarm itself, after the commit, without waiting for its own notice to come back.
 */
final class SchedulerAlarm extends AbstractSchedulerListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SchedulerAlarm.class);

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(
            1, r -> Thread.ofPlatform().daemon().name("scheduler-alarm").unstarted(r));
    /** Moments (epoch milliseconds) an alarm is set for: executions scheduled together share one. */
    private final Set<Long> set = ConcurrentHashMap.newKeySet();

    private final LongConsumer announceEverywhere;
    private volatile Scheduler scheduler;

    SchedulerAlarm(LongConsumer announceEverywhere) {
        this.announceEverywhere = announceEverywhere;
        timer.setRemoveOnCancelPolicy(true);
    }

    void attach(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void onExecutionScheduled(TaskInstanceId taskInstanceId, Instant executionTime) {
        long at = executionTime.toEpochMilli();
        try {
            // Inside a transaction the notice goes out with its commit, like the execution (and never if not).
            announceEverywhere.accept(at);
        } catch (RuntimeException unreachable) {
            // The database is away: the others find it at their poll, this process at its alarm below.
            log.warn("Could not announce an execution due at {} to the other processes", executionTime, unreachable);
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    set(at);
                }
            });
        } else {
            set(at);
        }
    }

    /** Rings at {@code at} (epoch milliseconds), at once if that has come. */
    void set(long at) {
        long delay = at - System.currentTimeMillis();
        if (delay <= 0) {
            ring();
        } else if (set.add(at)) {
            try {
                // A millisecond late: the scheduler compares execution times with its own clock's.
                timer.schedule(
                        () -> {
                            set.remove(at);
                            ring();
                        },
                        delay + 1,
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                set.remove(at);
            }
        }
    }

    /** Rings now: after a gap in the notices, for any alarm announced meanwhile. */
    void ring() {
        Scheduler running = scheduler;
        if (running != null) {
            running.triggerCheckForDueExecutions();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
