package org.openchakra.campaign;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The db-scheduler tasks of campaigns: the slices that send and the big-list jobs (the clock is CampaignClock). */
@Configuration(proxyBeanMethods = false)
class CampaignTasks {

    @Bean
    Task<Void> campaignSliceTask(CampaignRunner runner) {
        return Tasks.custom(CampaignRunner.TASK, Void.class)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(1)))
                .onDeadExecutionRevive()
                .execute(runner::work);
    }

    @Bean
    Task<Void> campaignRecipientsTask(RecipientImports imports) {
        return Tasks.custom(RecipientImports.TASK, Void.class)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(2)))
                .onDeadExecutionRevive()
                .execute(imports::work);
    }
}
