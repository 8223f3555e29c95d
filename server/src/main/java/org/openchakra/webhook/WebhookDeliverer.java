package org.openchakra.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox to customers' receivers (webhooks.md §2.3), in every server process: loops on virtual
 * threads claim leased batches, POST them concurrently (at most workers × batch size in flight), and record
 * each outcome as it comes. A 2xx within the timeout
 * is success; anything else is retried with exponential backoff and jitter until the event expires; 410
 * stops at once. A crash mid-way loses nothing: the lease runs out and the delivery is claimed again.
 */
@Component
class WebhookDeliverer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliverer.class);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);
    private static final Duration CLAIM_GAP = Duration.ofMillis(25);

    private final WebhookOutbox outbox;
    private final WebhookSigner signer;
    private final DeliveryWakeup wakeup;
    private final WebhookProperties props;
    private final HttpClient http;
    private final String userAgent;
    private final DeliveredMarks marks;
    // Sends this process has waiting for an answer, at most: each holds a connection to a receiver.
    private final Semaphore inFlight;
    private final List<Thread> loops = new ArrayList<>();
    private volatile boolean running;

    public WebhookDeliverer(
            WebhookOutbox outbox,
            WebhookSigner signer,
            DeliveryWakeup wakeup,
            WebhookProperties props,
            DeliveredMarks marks,
            ObjectProvider<BuildProperties> build) {
        this.marks = marks;
        this.inFlight = new Semaphore(props.workers() * props.batchSize());
        this.outbox = outbox;
        this.signer = signer;
        this.wakeup = wakeup;
        this.props = props;
        BuildProperties properties = build.getIfAvailable();
        this.userAgent = "OpenChakra-Webhooks/" + (properties == null ? "dev" : properties.getVersion());
        this.http = HttpClient.newBuilder()
                .connectTimeout(props.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
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
        WebhookOutbox.Cursor cursor = WebhookOutbox.Cursor.START;
        while (running) {
            try {
                int room = reserve(props.batchSize());
                List<WebhookOutbox.Claimed> batch = List.of();
                if (room > 0) {
                    WebhookOutbox.Claim claim;
                    try {
                        claim = outbox.claim(room, props.lease(), cursor);
                    } catch (RuntimeException e) {
                        inFlight.release(room);
                        throw e;
                    }
                    batch = claim.deliveries();
                    cursor = claim.next();
                    inFlight.release(room - batch.size());
                    batch.forEach(this::deliver);
                }
                if (pruner && System.nanoTime() - nextPrune > 0) {
                    outbox.pruneDelivered(props.keepDelivered());
                    nextPrune = System.nanoTime() + PRUNE_EVERY.toNanos();
                }
                if (room == 0 || batch.size() < room) {
                    // A claim walks every queue with work (see WebhookOutbox.claim): not more often than this,
                    // however often answers free a permit or new events are written.
                    Thread.sleep(CLAIM_GAP);
                    wakeup.await(props.pollInterval().minus(CLAIM_GAP));
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

    /** Takes up to {@code wanted} of the in-flight permits that are free now; answers how many. */
    private int reserve(int wanted) {
        int got = 0;
        while (got < wanted && inFlight.tryAcquire()) {
            got++;
        }
        return got;
    }

    /**
     * Sends one delivery (it heads its queue) and records the outcome as soon as it is known, freeing its
     * in-flight permit: the loops claim again while other sends are still waiting for their answers, so a
     * slow receiver holds up its own chats only.
     */
    private void deliver(WebhookOutbox.Claimed d) {
        CompletableFuture<Outcome> sending;
        try {
            sending = send(d);
        } catch (RuntimeException e) {
            sending = CompletableFuture.completedFuture(new Outcome(null, shortError(e)));
        }
        sending.thenAccept(outcome -> {
                    if (outcome.status() != null && outcome.status() >= 200 && outcome.status() < 300) {
                        marks.delivered(d.id(), outcome.status());
                    } else {
                        failed(d, outcome);
                        wakeup.wake();
                    }
                })
                .exceptionally(e -> {
                    log.warn("Recording delivery {} failed: {}", d.id(), e.toString());
                    return null;
                })
                .whenComplete((done, error) -> inFlight.release());
    }

    private record Outcome(Integer status, String error) {}

    private CompletableFuture<Outcome> send(WebhookOutbox.Claimed d) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(d.url()))
                    .timeout(props.timeout())
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
                .handle((response, error) -> error == null
                        ? new Outcome(response.statusCode(), null)
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
                ? error.getCause()
                : error;
        String name = cause.getClass().getSimpleName();
        return cause instanceof java.net.http.HttpTimeoutException ? "Timed out" : "Connection failed (" + name + ")";
    }
}
