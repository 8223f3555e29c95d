package org.openchakra.process;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openchakra.OpenChakraProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A bulk job is worked by several db-scheduler executions of one task, its slices ({@code <job id>/<n>}),
 * so that several server instances can work one job at once: each instance picks some of the slices,
 * and every slice claims entries with SKIP LOCKED until none is left. The slices are stored in the
 * transaction that stores the job, so a job is never left without a worker.
 */
@Component
class BulkJobSlices {

    static final String TASK = "bulk-process-job";

    private final ObjectProvider<Scheduler> scheduler;
    private final int slicesPerJob;

    BulkJobSlices(ObjectProvider<Scheduler> scheduler, OpenChakraProperties props) {
        this.scheduler = scheduler;
        this.slicesPerJob = props.jobs().slicesPerJob();
    }

    void scheduleFor(BackgroundJob job) {
        List<SchedulableInstance<?>> slices = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < slicesPerJob; i++) {
            slices.add(SchedulableInstance.of(new TaskInstance<Void>(TASK, job.id() + "/" + i), now));
        }
        // Every server starts at once (job/SchedulerAlarm announces them), instead of at its next poll.
        scheduler.getObject().scheduleBatch(slices);
    }

    static UUID jobOf(String sliceId) {
        return UUID.fromString(sliceId.substring(0, sliceId.indexOf('/')));
    }
}
