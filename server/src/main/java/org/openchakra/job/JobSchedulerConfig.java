package org.openchakra.job;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.openchakra.OpenChakraApplication;
import org.openchakra.OpenChakraProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * db-scheduler (the core library: its Spring Boot starter does not support Boot 4), for every durable
 * task of the server: each module declares its tasks as {@code Task} beans (as {@code process} does for
 * bulk jobs) and this scheduler runs them all. Its connections take part in Spring's transactions, so a task scheduled inside
 * one commits or rolls back with it. It starts once the server is ready, and never in the one-shot
 * commands (admin-token, migrate-blobs).
 */
@Configuration(proxyBeanMethods = false)
class JobSchedulerConfig {

    @Bean
    SchedulerAlarm schedulerAlarm(JobWakeups wakeups) {
        SchedulerAlarm alarm = new SchedulerAlarm(wakeups::announceAlarm);
        wakeups.onAlarm(alarm::set, alarm::ring);
        return alarm;
    }

    /** Every task bean; recurring ones are scheduled when the scheduler starts. */
    @Bean(destroyMethod = "stop")
    Scheduler scheduler(
            DataSource dataSource,
            List<Task<?>> tasks,
            ObjectProvider<RecurringTask<?>> recurring,
            SchedulerAlarm alarm,
            OpenChakraProperties props) {
        OpenChakraProperties.Jobs jobs = props.jobs();
        List<Task<?>> oneOff =
                tasks.stream().filter(t -> !(t instanceof RecurringTask)).toList();
        Scheduler scheduler = Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), oneOff)
                .startTasks(recurring.orderedStream().toList())
                .schedulerName(new SchedulerName.Fixed(WorkerName.VALUE))
                .threads(jobs.schedulerThreads())
                .pollingInterval(jobs.pollingInterval())
                .heartbeatInterval(jobs.heartbeatInterval())
                .missedHeartbeatsLimit(jobs.missedHeartbeats())
                .shutdownMaxWait(Duration.ofSeconds(10))
                .addSchedulerListener(alarm)
                .build();
        alarm.attach(scheduler);
        return scheduler;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start(ApplicationReadyEvent ready) {
        Environment env = ready.getApplicationContext().getEnvironment();
        if (!env.acceptsProfiles(Profiles.of(OpenChakraApplication.ONE_SHOT_COMMAND))) {
            ready.getApplicationContext().getBean(Scheduler.class).start();
        }
    }
}
