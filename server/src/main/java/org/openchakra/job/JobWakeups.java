package org.openchakra.job;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.time.Duration;
import org.openchakra.cluster.ClusterNotices;
import org.openchakra.cluster.ClusterWakeup;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Starts durable work at once on every server process: a module that schedules executions due now announces
 * them in the scheduling transaction, and every process's scheduler looks for due executions as soon as it
 * commits, instead of at its next poll ({@code OPENCHAKRA_JOBS_POLLING_INTERVAL}, which can then be long and
 * cost an idle server nothing).
 */
@Component
public class JobWakeups {

    private final ClusterWakeup announcements;

    JobWakeups(ClusterNotices notices, ObjectProvider<Scheduler> scheduler) {
        // Every announcement counts: slices of one job are scheduled together, jobs rarely come close together.
        this.announcements = new ClusterWakeup(notices, "job", Duration.ZERO);
        announcements.onAnnouncement(() -> {
            Scheduler running = scheduler.getIfAvailable();
            if (running != null) {
                running.triggerCheckForDueExecutions();
            }
        });
    }

    /** In the transaction that schedules executions due now: every process looks for them once it commits. */
    public void announce() {
        announcements.announce();
    }
}
