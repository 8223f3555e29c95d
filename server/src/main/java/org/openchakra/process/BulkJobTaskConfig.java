package org.openchakra.process;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The durable task that works bulk jobs' slices ({@link BulkJobSlices}), run by job.JobSchedulerConfig. */
@Configuration(proxyBeanMethods = false)
class BulkJobTaskConfig {

    @Bean
    Task<Void> bulkJobTask(BulkJobWorker worker) {
        return Tasks.custom(BulkJobSlices.TASK, Void.class)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(2)))
                .onDeadExecutionRevive()
                .execute(worker::work);
    }
}
