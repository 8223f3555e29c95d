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
import org.springframework.jdbc.core.simple.JdbcClient;
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

    static final Duration DEAD_CHECK_BACKSTOP = Duration.ofMinutes(5);

    @Bean
    SchedulerAlarm schedulerAlarm(JobWakeups wakeups) {
        SchedulerAlarm alarm = new SchedulerAlarm(wakeups::announceAlarm);
        wakeups.onAlarm(alarm::set, alarm::ring);
        return alarm;
    }

    /**
     * db-scheduler's housekeeper, checking for dead executions only while one may be picked. The backstop is
     * that of a lost pick notice (a process killed between its pick and the notice): 5 minutes, or the poll's
     * interval if longer.
     */
    @Bean
    DeadExecutionWatch deadExecutionWatch(JobWakeups wakeups, JdbcClient jdbc, OpenChakraProperties props) {
        OpenChakraProperties.Jobs jobs = props.jobs();
        Duration backstop = jobs.pollingInterval().compareTo(DEAD_CHECK_BACKSTOP) > 0
                ? jobs.pollingInterval()
                : DEAD_CHECK_BACKSTOP;
        DeadExecutionWatch watch = new DeadExecutionWatch(
                jobs.heartbeatInterval(),
                backstop,
                () -> jdbc.sql("SELECT EXISTS (SELECT 1 FROM scheduled_tasks WHERE picked)")
                        .query(Boolean.class)
                        .single());
        wakeups.onPicked(watch::arm);
        return watch;
    }

    /** Every task bean; recurring ones are scheduled when the scheduler starts. */
    @Bean(destroyMethod = "stop")
    Scheduler scheduler(
            DataSource dataSource,
            List<Task<?>> tasks,
            ObjectProvider<RecurringTask<?>> recurring,
            SchedulerAlarm alarm,
            DeadExecutionWatch deadExecutions,
            JobWakeups wakeups,
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
                .housekeeperExecutor(deadExecutions.housekeeper())
                .addSchedulerListener(deadExecutions.announcer(wakeups::announcePicked))
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
