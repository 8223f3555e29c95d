package org.openchakra.job;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.time.Duration;
import java.util.function.LongConsumer;
import org.openchakra.cluster.ClusterNotices;
import org.openchakra.cluster.ClusterWakeup;
import org.openchakra.cluster.NoticeListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Starts durable work at once on every server process, so that db-scheduler's poll
 * ({@code OPENCHAKRA_JOBS_POLLING_INTERVAL}) can be long and cost an idle server nothing. Two notices:
 * <ul>
 *   <li>{@code job}: every process's scheduler looks for due executions now ({@link #announce}, for executions
 *       that are there and due but were not just scheduled, e.g. a campaign's slices a dead process left);
 *   <li>{@code job.alarm}: an execution was scheduled for the moment in the payload (epoch milliseconds), and
 *       every process sets its {@link SchedulerAlarm} for it; {@link SchedulerAlarm} announces every execution
 *       scheduled through db-scheduler, so no module needs to;
 *   <li>{@code job.picked}: a process started an execution, so one may die with its process and every process
 *       looks for dead executions until none is picked ({@link DeadExecutionWatch}).
 * </ul>
 */
@Component
public class JobWakeups {

    private static final String ALARM = "job.alarm";
    private static final String PICKED = "job.picked";

    private final ClusterNotices notices;
    private final ClusterWakeup announcements;

    JobWakeups(ClusterNotices notices, ObjectProvider<Scheduler> scheduler) {
        this.notices = notices;
        // Every announcement counts: slices of one job are scheduled together, jobs rarely come close together.
        this.announcements = new ClusterWakeup(notices, "job", Duration.ZERO);
        announcements.onAnnouncement(() -> {
            Scheduler running = scheduler.getIfAvailable();
            if (running != null) {
                running.triggerCheckForDueExecutions();
            }
        });
    }

    /** In the transaction that makes executions due now: every process looks for them once it commits. */
    public void announce() {
        announcements.announce();
    }

    /**
     * In the transaction that schedules an execution for {@code epochMillis} (at once outside one): every
     * process's alarm is set for it once it commits. Executions scheduled together share one notice (PostgreSQL
     * delivers identical notices of one transaction once).
     */
    void announceAlarm(long epochMillis) {
        notices.publish(ALARM, Long.toString(epochMillis));
    }

    /** {@code set} gets the moment of every alarm announced by any process; {@code gap} runs after a gap. */
    void onAlarm(LongConsumer set, Runnable gap) {
        notices.subscribe(ALARM, NoticeListener.of(payload -> set.accept(Long.parseLong(payload)), gap));
    }

    /** As this process starts an execution: every process's {@link DeadExecutionWatch} checks until none is picked. */
    void announcePicked() {
        notices.publish(PICKED, "");
    }

    /** {@code arm} runs on every pick announced by any process, and after a gap in the notices. */
    void onPicked(Runnable arm) {
        notices.subscribe(PICKED, NoticeListener.of(payload -> arm.run(), arm));
    }
}
