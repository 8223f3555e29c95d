package org.openchakra.process;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.openchakra.OpenChakraProperties;
import org.openchakra.job.WorkerName;
import org.openchakra.procedure.Procedure;
import org.openchakra.procedure.ProcedureService;
import org.openchakra.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works one slice of a bulk job: claims a batch of entries, does them, records their outcomes, commits,
 * and again until no entry is left to claim. Writing the processes and flipping their entries in one
 * transaction is what makes each entry happen exactly once: a crash rolls back both, and the entries
 * are claimed again after the restart.
 */
@Component
class BulkJobWorker {

    private static final Logger log = LoggerFactory.getLogger(BulkJobWorker.class);
    /** A slice that finds this server busy with as many slices as it may run tries again after this. */
    private static final Duration BUSY_RETRY = Duration.ofSeconds(1);

    private final JobRepository jobs;
    private final ProcedureService procedures;
    private final ProcessService processes;
    private final BulkCreateBatch creates;
    private final BulkUpdateBatch updates;
    private final OneByOne oneByOne;
    private final TransactionTemplate tx;
    private final Semaphore permits;
    private final int batchSize;

    BulkJobWorker(
            JobRepository jobs,
            ProcedureService procedures,
            ProcessService processes,
            BulkCreateBatch creates,
            BulkUpdateBatch updates,
            OneByOne oneByOne,
            PlatformTransactionManager transactions,
            OpenChakraProperties props) {
        this.jobs = jobs;
        this.procedures = procedures;
        this.processes = processes;
        this.creates = creates;
        this.updates = updates;
        this.oneByOne = oneByOne;
        this.tx = new TransactionTemplate(transactions);
        this.permits = new Semaphore(props.jobs().workers());
        this.batchSize = props.jobs().batchSize();
    }

    CompletionHandler<Void> work(TaskInstance<Void> slice, ExecutionContext context) {
        // Bounded per server so that a big job leaves room for other tasks, and other servers take the
        // slices this one has no room for.
        if (!permits.tryAcquire()) {
            return retryAt(Instant.now().plus(BUSY_RETRY));
        }
        try {
            Optional<BackgroundJob> found = jobs.find(BulkJobSlices.jobOf(slice.getId()));
            if (found.isEmpty() || found.get().isFinished()) {
                return new CompletionHandler.OnCompleteRemove<>();
            }
            BackgroundJob job = found.get();
            Procedure procedure;
            try {
                procedure = procedures.get(job.teamId(), job.procedureId().toString());
            } catch (ApiException gone) {
                jobs.markFailed(job.id(), "The procedure of this job no longer exists");
                return new CompletionHandler.OnCompleteRemove<>();
            }
            jobs.markStarted(job.id());
            while (true) {
                if (context.getSchedulerState().isShuttingDown()) {
                    return retryAt(Instant.now());
                }
                Integer done = tx.execute(status -> batch(job, procedure));
                if (done == null || done == 0) {
                    break;
                }
            }
            if (jobs.completeIfDone(job.id())) {
                log.info("Background job {} completed", job.id());
            }
            return new CompletionHandler.OnCompleteRemove<>();
        } finally {
            permits.release();
        }
    }

    private int batch(BackgroundJob job, Procedure procedure) {
        jobs.batchSettings();
        List<JobEntry.Claimed> claimed = jobs.claim(job.id(), batchSize);
        if (claimed.isEmpty()) {
            return 0;
        }
        CoercionContext ctx = processes.context(job.teamId());
        List<JobEntry.Outcome> outcomes = oneByOne.attempt(() -> run(job, procedure, claimed, ctx))
                .orElseGet(() -> claimed.stream()
                        .map(entry -> oneByOne.attempt(() ->
                                        run(job, procedure, List.of(entry), ctx).getFirst())
                                .orElse(JobEntry.Outcome.error(entry.index(), List.of("Internal error"))))
                        .toList());
        jobs.record(job.id(), outcomes, WorkerName.VALUE);
        return claimed.size();
    }

    private List<JobEntry.Outcome> run(
            BackgroundJob job, Procedure procedure, List<JobEntry.Claimed> claimed, CoercionContext ctx) {
        return job.type().equals(BackgroundJob.BULK_CREATE)
                ? creates.run(procedure, claimed, ctx)
                : updates.run(procedure, claimed, ctx);
    }

    private static CompletionHandler<Void> retryAt(Instant when) {
        return (complete, operations) -> operations.reschedule(complete, when);
    }
}
