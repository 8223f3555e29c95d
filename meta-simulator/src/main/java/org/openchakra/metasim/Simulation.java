package org.openchakra.metasim;

import java.time.Clock;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The simulator's shared state and services, handed to every route. One per {@link MetaSimulator}. */
final class Simulation implements AutoCloseable {

    final SimulatorConfig config;
    final Switches switches;
    final Clock clock;
    final Random random;
    final Ids ids;
    final Registry registry;
    final TemplateStore templates = new TemplateStore();
    final MediaStore media;
    final Conversations conversations;
    final ManagementRate managementRate;
    final Outbox outbox = new Outbox();
    final Faults faults = new Faults();
    final GroupStore groups = new GroupStore();
    final CallStore calls = new CallStore();
    /** Media URLs under these prefixes cannot be fetched: sends using them fail async with 131053 (spec 1.4). */
    final java.util.Set<String> brokenLinkPrefixes = java.util.concurrent.ConcurrentHashMap.newKeySet();

    final ScheduledExecutorService scheduler;
    final WebhookDispatcher webhooks;
    private volatile String baseUrl = "";

    Simulation(SimulatorConfig config) {
        this.config = config;
        this.switches = config.switches();
        this.clock = config.clock();
        this.random = new Random(config.seed());
        this.ids = new Ids(random);
        this.registry = new Registry(clock);
        this.media = new MediaStore(clock);
        this.conversations = new Conversations(clock);
        this.managementRate = new ManagementRate(clock, config.wabaManagementCallsPerHour());
        this.scheduler = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "meta-sim-timeline");
            t.setDaemon(true);
            return t;
        });
        this.webhooks = new WebhookDispatcher(config, switches, random, scheduler);
    }

    Instant now() {
        return clock.instant();
    }

    String baseUrl() {
        return baseUrl;
    }

    void baseUrl(String url) {
        this.baseUrl = url;
    }

    /** Runs {@code task} after the given real delay on the timeline thread. */
    void later(java.time.Duration delay, Runnable task) {
        if (scheduler.isShutdown()) {
            return;
        }
        try {
            scheduler.schedule(
                    () -> {
                        try {
                            task.run();
                        } catch (RuntimeException e) {
                            java.util.logging.Logger.getLogger(Simulation.class.getName())
                                    .log(java.util.logging.Level.WARNING, "timeline task failed", e);
                        }
                    },
                    Math.max(0, delay.toMillis()),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closing: timeline events after close are dropped.
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        webhooks.close();
    }
}
