package org.openchakra.webhook;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.openchakra.common.PooledHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox to customers' receivers (webhooks.md §2.3), in every server process: loops claim leased
 * batches and POST each delivery on a virtual thread of its own (at most workers × batch size in flight), and record
 * each outcome as it comes. A 2xx within the timeout
 * is success; anything else is retried with exponential backoff and jitter until the event expires; 410
 * stops at once. A crash mid-way loses nothing: the lease runs out and the delivery is claimed again.
 */
@Component
class WebhookDeliverer implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliverer.class);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);
    private static final Duration CLAIM_GAP = Duration.ofMillis(25);
    private static final ContentType JSON = ContentType.parse("application/json");

    private final WebhookOutbox outbox;
    private final WebhookSigner signer;
    private final DeliveryWakeup wakeup;
    private final WebhookProperties props;
    private final CloseableHttpClient http;
    private final Executor senders = Executors.newVirtualThreadPerTaskExecutor();
    private final String userAgent;
    private final DeliveredMarks marks;
    // Sends this process has waiting for an answer, at most: each holds a connection to a receiver.
    private final Semaphore inFlight;
    private final List<Thread> loops = new ArrayList<>();
    /**
     * When delivered events are pruned next (System.nanoTime), by whichever loop comes first: the loops share one
     * backstop look ({@code LoopWakeup}), so a loop of its own for pruning might sleep through it.
     */
    private final AtomicLong nextPrune = new AtomicLong(System.nanoTime());

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
        this.http = PooledHttp.client(props.timeout(), props.timeout(), props.workers() * props.batchSize());
    }

    @Override
    public synchronized void start() {
        running = true;
        for (int i = 0; i < props.workers(); i++) {
            // A platform thread: on a virtual one, each of its statements queued for a carrier behind every
            // request being served, and under load the loop crawled (PostgreSQL sat idle in transaction).
            loops.add(Thread.ofPlatform().daemon().name("webhook-delivery-" + i).start(this::loop));
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

    @Override
    public void destroy() throws IOException {
        http.close();
    }

    private void loop() {
        try {
            // Retries and leases (of a process that died mid-send) fall due while the loops sleep.
            outbox.nextDueIn().ifPresent(wakeup::wakeAfter);
        } catch (RuntimeException e) {
            log.warn("Webhook delivery loop: {}", e.toString());
        }
        while (running) {
            try {
                int room = reserve(props.batchSize());
                List<WebhookOutbox.Claimed> batch = List.of();
                if (room > 0) {
                    try {
                        batch = outbox.claim(room, props.lease());
                    } catch (RuntimeException e) {
                        inFlight.release(room);
                        throw e;
                    }
                    inFlight.release(room - batch.size());
                    batch.forEach(this::deliver);
                }
                pruneIfDue();
                if (room == 0 || batch.size() < room) {
                    // Not more often than this, however often answers free a permit or new events are written:
                    // each claim is a round trip and a transaction, and one every few milliseconds takes what
                    // has gathered meanwhile.
                    Thread.sleep(CLAIM_GAP);
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
                    Thread.sleep(Duration.ofMillis(250));
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void pruneIfDue() {
        long due = nextPrune.get();
        if (System.nanoTime() - due > 0 && nextPrune.compareAndSet(due, System.nanoTime() + PRUNE_EVERY.toNanos())) {
            try {
                outbox.pruneDelivered(props.keepDelivered());
            } catch (RuntimeException e) {
                nextPrune.set(System.nanoTime()); // tried again on the next pass
                throw e;
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
     * Sends one delivery (it heads its queue) on a virtual thread of its own and records the outcome as soon as it
     * is known, freeing its in-flight permit: the loops claim again while other sends are still waiting for their
     * answers, so a slow receiver holds up its own chats only.
     */
    private void deliver(WebhookOutbox.Claimed d) {
        senders.execute(() -> {
            try {
                Outcome outcome = send(d);
                if (outcome.status() != null && outcome.status() >= 200 && outcome.status() < 300) {
                    marks.delivered(d, outcome.status());
                } else {
                    failed(d, outcome);
                    wakeup.wake();
                }
            } catch (RuntimeException e) {
                log.warn("Recording delivery {} failed: {}", d.id(), e.toString());
            } finally {
                inFlight.release();
            }
        });
    }

    private record Outcome(Integer status, String error) {}

    private Outcome send(WebhookOutbox.Claimed d) {
        HttpPost request;
        try {
            request = new HttpPost(URI.create(d.url()));
        } catch (IllegalArgumentException badUrl) {
            return new Outcome(null, "Invalid URL");
        }
        request.setHeader("User-Agent", userAgent);
        request.setHeader("X-Chakra-Event-Id", d.eventId().toString());
        request.setHeader("X-Chakra-Delivery-Attempt", String.valueOf(d.attempt()));
        request.setHeader("X-Chakra-Timestamp", String.valueOf(d.createdAt().toEpochMilli()));
        signer.signature(d.teamId(), d.body()).ifPresent(s -> request.setHeader("X-Chakra-Signature-256", s));
        request.setEntity(new ByteArrayEntity(d.body(), JSON));
        try {
            // The answer's body is not read into memory, only drained so that the connection can be reused.
            return http.execute(request, response -> {
                EntityUtils.consume(response.getEntity());
                return new Outcome(response.getCode(), null);
            });
        } catch (IOException | RuntimeException e) {
            return new Outcome(null, shortError(e));
        }
    }

    private void failed(WebhookOutbox.Claimed d, Outcome outcome) {
        boolean gone = outcome.status() != null && outcome.status() == 410;
        String error = outcome.error() != null ? outcome.error() : "HTTP " + outcome.status();
        Duration retryIn = backoff(d.attempt());
        outbox.failed(d.id(), new WebhookOutbox.Queue(d.url(), d.orderKey()), outcome.status(), error, retryIn, gone);
        if (!gone) {
            wakeup.wakeAfter(retryIn);
        }
    }

    /** First retry after {@code firstRetry}, doubling, capped, with ±20 % jitter so retries do not march in step. */
    Duration backoff(int attempt) {
        long base = props.firstRetry().toMillis();
        long millis = Math.min(props.maxBackoff().toMillis(), base << Math.min(attempt - 1, 20));
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.max(1, (long) (millis * jitter)));
    }

    private static String shortError(Exception error) {
        if (error instanceof IOException io && PooledHttp.timedOut(io)) {
            return "Timed out";
        }
        return error instanceof IllegalArgumentException
                ? "Invalid URL"
                : "Connection failed (" + error.getClass().getSimpleName() + ")";
    }
}
