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
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes this process's scheduler when an execution it scheduled falls due: at once (after the scheduling
 * transaction commits) for one due now, at its time for one due later (a slice's retry after a failure, a slice
 * that found its server busy, a campaign's slices at its {@code startAt}). The scheduler's own poll
 * ({@code OPENCHAKRA_JOBS_POLLING_INTERVAL}) is then only the backstop for work this process was not told of: an
 * execution another process scheduled for later and then died, or one due after a restart.
 *
 * <p>An alarm set for later rings on every process (a cluster notice), not only here: a slice that found this
 * process busy is rescheduled a second ahead so that another process takes it, and woken here alone this process
 * picked it again each time, a poll ahead of every other (two servers never shared a bulk job).
 */
final class SchedulerAlarm extends AbstractSchedulerListener implements AutoCloseable {

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(
            1, r -> Thread.ofPlatform().daemon().name("scheduler-alarm").unstarted(r));
    /** Moments (epoch milliseconds) an alarm is set for: executions scheduled together share one. */
    private final Set<Long> set = ConcurrentHashMap.newKeySet();

    private final Runnable ringEverywhere;
    private volatile Scheduler scheduler;

    SchedulerAlarm(Runnable ringEverywhere) {
        this.ringEverywhere = ringEverywhere;
        timer.setRemoveOnCancelPolicy(true);
    }

    void attach(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void onExecutionScheduled(TaskInstanceId taskInstanceId, Instant executionTime) {
        // Inside a transaction the execution is not there for the scheduler until it commits (and never if not).
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    set(executionTime);
                }
            });
        } else {
            set(executionTime);
        }
    }

    private void set(Instant executionTime) {
        long at = executionTime.toEpochMilli();
        long delay = at - System.currentTimeMillis();
        if (delay <= 0) {
            ring();
        } else if (set.add(at)) {
            try {
                // A millisecond late: the scheduler compares execution times with its own clock's.
                timer.schedule(
                        () -> {
                            set.remove(at);
                            ringEverywhere();
                        },
                        delay + 1,
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                set.remove(at);
            }
        }
    }

    private void ringEverywhere() {
        try {
            ringEverywhere.run();
        } catch (RuntimeException unreachable) {
            // The database is away for a moment: this process looks at least, the others at their poll.
            ring();
        }
    }

    private void ring() {
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
