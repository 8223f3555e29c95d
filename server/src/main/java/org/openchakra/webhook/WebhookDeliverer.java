package org.openchakra.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox to customers' receivers (webhooks.md §2.3), in every server process: loops on virtual
 * threads claim leased batches, POST them concurrently, and record each outcome. A 2xx within the timeout
 * is success; anything else is retried with exponential backoff and jitter until the event expires; 410
 * stops at once. A crash mid-way loses nothing: the lease runs out and the delivery is claimed again.
 */
@Component
public class WebhookDeliverer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliverer.class);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

    private final WebhookOutbox outbox;
    private final WebhookSigner signer;
    private final DeliveryWakeup wakeup;
    private final WebhookProperties props;
    private final HttpClient http;
    private final String userAgent;
    private final List<Thread> loops = new ArrayList<>();
    private volatile boolean running;

    public WebhookDeliverer(WebhookOutbox outbox, WebhookSigner signer, DeliveryWakeup wakeup, WebhookProperties props,
            ObjectProvider<BuildProperties> build) {
        this.outbox = outbox;
        this.signer = signer;
        this.wakeup = wakeup;
        this.props = props;
        BuildProperties properties = build.getIfAvailable();
        this.userAgent = "OpenChakra-Webhooks/" + (properties == null ? "dev" : properties.getVersion());
        this.http = HttpClient.newBuilder().connectTimeout(props.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    @Override
    public synchronized void start() {
        running = true;
        for (int i = 0; i < props.workers(); i++) {
            boolean pruner = i == 0;
            // A platform thread: on a virtual one, each of its statements queued for a carrier behind every
            // request being served, and under load the loop crawled (PostgreSQL sat idle in transaction).
            loops.add(Thread.ofPlatform().daemon().name("webhook-delivery-" + i).start(() -> loop(pruner)));
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        loops.forEach(Thread::interrupt);
        loops.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop(boolean pruner) {
        long nextPrune = System.nanoTime();
        while (running) {
            try {
                List<WebhookOutbox.Claimed> batch = outbox.claim(props.batchSize(), props.lease());
                if (!batch.isEmpty()) {
                    deliver(batch);
                }
                if (pruner && System.nanoTime() - nextPrune > 0) {
                    outbox.pruneDelivered(props.keepDelivered());
                    nextPrune = System.nanoTime() + PRUNE_EVERY.toNanos();
                }
                if (batch.size() < props.batchSize()) {
                    wakeup.await(props.pollInterval());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Webhook delivery loop: {}", e.toString());
                try {
                    Thread.sleep(props.pollInterval());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /**
     * Sends a batch concurrently (each delivery heads its own queue) and records every outcome: the
     * successes together, once the whole batch is answered.
     */
    private void deliver(List<WebhookOutbox.Claimed> batch) throws InterruptedException {
        Map<UUID, Integer> delivered = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> sends = new ArrayList<>(batch.size());
        for (WebhookOutbox.Claimed d : batch) {
            sends.add(send(d).thenAccept(outcome -> {
                if (outcome.status() != null && outcome.status() >= 200 && outcome.status() < 300) {
                    delivered.put(d.id(), outcome.status());
                } else {
                    failed(d, outcome);
                }
            }).exceptionally(e -> {
                log.warn("Recording delivery {} failed: {}", d.id(), e.toString());
                return null;
            }));
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();
        } catch (java.util.concurrent.ExecutionException e) {
            log.warn("Webhook batch: {}", e.getCause().toString());
        }
        outbox.delivered(delivered);
    }

    private record Outcome(Integer status, String error) {
    }

    private CompletableFuture<Outcome> send(WebhookOutbox.Claimed d) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(d.url())).timeout(props.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", userAgent)
                    .header("X-Chakra-Event-Id", d.eventId().toString())
                    .header("X-Chakra-Delivery-Attempt", String.valueOf(d.attempt()))
                    .header("X-Chakra-Timestamp", String.valueOf(d.createdAt().toEpochMilli()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(d.body()));
        } catch (IllegalArgumentException badUrl) {
            return CompletableFuture.completedFuture(new Outcome(null, "Invalid URL"));
        }
        if ("http".equalsIgnoreCase(URI.create(d.url()).getScheme())) {
            request.version(HttpClient.Version.HTTP_1_1);
        }
        signer.signature(d.teamId(), d.body()).ifPresent(s -> request.header("X-Chakra-Signature-256", s));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> error == null ? new Outcome(response.statusCode(), null)
                        : new Outcome(null, shortError(error)));
    }

    private void failed(WebhookOutbox.Claimed d, Outcome outcome) {
        boolean gone = outcome.status() != null && outcome.status() == 410;
        String error = outcome.error() != null ? outcome.error() : "HTTP " + outcome.status();
        outbox.failed(d.id(), outcome.status(), error, backoff(d.attempt()), gone);
    }

    /** First retry after {@code firstRetry}, doubling, capped, with ±20 % jitter so retries do not march in step. */
    Duration backoff(int attempt) {
        long base = props.firstRetry().toMillis();
        long millis = Math.min(props.maxBackoff().toMillis(), base << Math.min(attempt - 1, 20));
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.max(1, (long) (millis * jitter)));
    }

    private static String shortError(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        String name = cause.getClass().getSimpleName();
        return cause instanceof java.net.http.HttpTimeoutException ? "Timed out" : "Connection failed (" + name + ")";
    }
}
