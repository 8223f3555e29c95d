package org.openchakra.campaign;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The db-scheduler tasks of campaigns: the slices that send, the clock, and the big-list jobs. */
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
    RecurringTask<Void> campaignTickTask(CampaignClock clock, CampaignProperties props) {
        return Tasks.recurring(CampaignClock.TASK, FixedDelay.of(props.tick()))
                .execute((instance, context) -> clock.tick());
    }

    @Bean
    Task<Void> campaignRecipientsTask(RecipientImports imports) {
        return Tasks.custom(RecipientImports.TASK, Void.class)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(2)))
                .onDeadExecutionRevive()
                .execute(imports::work);
    }
}
