package org.openchakra.whatsapp.template;

import java.time.Duration;
import org.openchakra.whatsapp.WhatsappProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs {@link TemplateSync} every {@code openchakra.whatsapp.template-sync-interval} (10 min), the first
 * round one interval after start-up. An interval of 0 turns it off (the tests do: a round must not
 * change a cache under a running test; a test that wants one calls {@link TemplateSync#syncAll}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class TemplateSyncSchedule implements SchedulingConfigurer {

    private final TemplateSync sync;
    private final WhatsappProperties props;

    public TemplateSyncSchedule(TemplateSync sync, WhatsappProperties props) {
        this.sync = sync;
        this.props = props;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        Duration interval = props.templateSyncInterval();
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        registrar.addFixedDelayTask(new FixedDelayTask(sync::syncAll, interval, interval));
    }
}
