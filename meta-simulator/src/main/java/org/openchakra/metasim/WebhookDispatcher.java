package org.openchakra.metasim;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends webhooks the way Meta does (spec 6.2, 8.6): ASCII-escaped JSON signed with the app secret, HTTP 200 as
 * the only ack, retries on a (compressed) backoff schedule, optional batching and duplicate replays.
 *
 * <p>Attempts of one WABA go through its lane: with the default concurrency of 1 a receiver sees updates in
 * publication order (unless the reorder switch says otherwise); benchmarks raise the concurrency so a slow
 * receiver does not become the bottleneck. Retries re-enter the lane later, as Meta's do.
 */
final class WebhookDispatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());
    private static final int LOG_CAPACITY = 10_000;

    private final SimulatorConfig config;
    private final Switches switches;
    private final Clock clock;
    private final Random random;
    private final ScheduledExecutorService scheduler;
    private final HttpClient http;
    private final ExecutorService httpExecutor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, ExecutorService> lanes = new ConcurrentHashMap<>();
    private final Map<String, List<ObjectNode>> pendingBatches = new ConcurrentHashMap<>();
    private final Deque<Delivery> log = new ArrayDeque<>();
    private volatile boolean closed;

    /** Mutable state of one POST body across its attempts. */
    private final class Delivery {
        final Business business;
        final String url;
        final byte[] body;
        final String signature;
        final String sha1Signature;
        final Instant firstAttemptAt;
        final boolean duplicate;
        volatile int attempts;
        volatile String outcome = "RETRYING";
        volatile int lastStatus = -1;

        Delivery(Business business, byte[] body, boolean duplicate) {
            this.business = business;
            this.url = business.webhookUrl();
            this.body = body;
            this.signature = Signatures.sha256Header(business.appSecret(), body);
            // The legacy SHA-1 header costs a second HMAC per POST; compute it only when it will be sent.
            this.sha1Signature =
                    switches.sendSha1Signature() ? Signatures.sha1Header(business.appSecret(), body) : null;
            this.firstAttemptAt = clock.instant();
            this.duplicate = duplicate;
        }

        WebhookDelivery snapshot() {
            return new WebhookDelivery(
                    business.wabaId,
                    url,
                    new String(body, StandardCharsets.US_ASCII),
                    signature,
                    attempts,
                    outcome,
                    lastStatus,
                    firstAttemptAt,
                    duplicate);
        }
    }

    WebhookDispatcher(SimulatorConfig config, Switches switches, Random random, ScheduledExecutorService scheduler) {
        this.config = config;
        this.switches = switches;
        this.clock = config.clock();
        this.random = random;
        this.scheduler = scheduler;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(httpExecutor)
                .build();
    }

    /** Publishes one {@code entry} item ({@code {id, changes: [...]}}) to the WABA's app. */
    void publish(Business business, ObjectNode entry) {
        int batchSize = switches.webhookBatchSize();
        if (batchSize <= 1) {
            send(business, List.of(entry));
            return;
        }
        List<ObjectNode> ready = null;
        boolean scheduleFlush = false;
        synchronized (pendingBatches) {
            List<ObjectNode> pending = pendingBatches.computeIfAbsent(business.wabaId, k -> new ArrayList<>());
            pending.add(entry);
            if (pending.size() >= batchSize) {
                ready = List.copyOf(pending);
                pending.clear();
            } else if (pending.size() == 1) {
                scheduleFlush = true;
            }
        }
        if (ready != null) {
            send(business, ready);
        } else if (scheduleFlush && !scheduler.isShutdown()) {
            try {
                scheduler.schedule(
                        () -> flush(business), switches.webhookBatchWindow().toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // Closing.
            }
        }
    }

    private void flush(Business business) {
        List<ObjectNode> ready;
        synchronized (pendingBatches) {
            List<ObjectNode> pending = pendingBatches.get(business.wabaId);
            if (pending == null || pending.isEmpty()) {
                return;
            }
            ready = List.copyOf(pending);
            pending.clear();
        }
        send(business, ready);
    }

    private void send(Business business, List<ObjectNode> entries) {
        ObjectNode envelope = Json.object();
        envelope.put("object", "whatsapp_business_account");
        ArrayNode array = envelope.putArray("entry");
        entries.forEach(array::add);
        Delivery delivery = new Delivery(business, Json.asciiEscapedBytes(envelope), false);
        remember(delivery);
        if (delivery.url == null) {
            delivery.outcome = "NO_URL";
            return;
        }
        enqueue(delivery);
    }

    /** Hands an attempt to the WABA's lane; after {@link #close()} pending work is dropped quietly. */
    private void enqueue(Delivery delivery) {
        if (closed) {
            return;
        }
        try {
            lane(delivery.business).execute(() -> attempt(delivery));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closing: the simulator no longer sends.
        }
    }

    private ExecutorService lane(Business business) {
        return lanes.computeIfAbsent(
                business.wabaId,
                id -> Executors.newFixedThreadPool(
                        config.webhookConcurrency(),
                        Thread.ofVirtual().name("webhook-lane-" + id + "-", 0).factory()));
    }

    private void attempt(Delivery delivery) {
        delivery.attempts++;
        int status = post(delivery);
        delivery.lastStatus = status;
        if (status == 200) {
            delivery.outcome = "DELIVERED";
            maybeReplay(delivery);
            return;
        }
        List<Duration> schedule = config.webhookRetrySchedule();
        int retryIndex = delivery.attempts - 1;
        if (retryIndex >= schedule.size()) {
            delivery.outcome = "DROPPED";
            LOG.fine(() -> "webhook dropped after " + delivery.attempts + " attempts: " + delivery.url);
            return;
        }
        long delayMs = schedule.get(retryIndex).toMillis();
        schedule(() -> enqueue(delivery), delayMs);
    }

    private int post(Delivery delivery) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(delivery.url))
                    .timeout(config.webhookTimeout())
                    .header("Content-Type", "application/json")
                    .header("X-Hub-Signature-256", delivery.signature)
                    .header("User-Agent", "facebookexternalua")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body));
            if (delivery.sha1Signature != null) {
                request.header("X-Hub-Signature", delivery.sha1Signature);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            LOG.log(Level.FINE, "webhook attempt failed: " + delivery.url, e);
            return -1;
        }
    }

    /** At-least-once delivery: replay an acknowledged body once, when the duplicate switch fires. */
    private void maybeReplay(Delivery original) {
        if (original.duplicate
                || switches.duplicateWebhookProbability() <= 0
                || random.nextDouble() >= switches.duplicateWebhookProbability()) {
            return;
        }
        Delivery copy = new Delivery(original.business, original.body, true);
        remember(copy);
        schedule(() -> enqueue(copy), 5);
    }

    private void schedule(Runnable task, long delayMs) {
        if (closed || scheduler.isShutdown()) {
            return;
        }
        try {
            scheduler.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closing.
        }
    }

    private void remember(Delivery delivery) {
        synchronized (log) {
            log.addLast(delivery);
            if (log.size() > LOG_CAPACITY) {
                log.removeFirst();
            }
        }
    }

    /** The deliveries made so far, oldest first (the last 10,000). */
    List<WebhookDelivery> log() {
        synchronized (log) {
            return log.stream().map(Delivery::snapshot).toList();
        }
    }

    /** Spec 6.1: GET the callback with hub.mode, hub.challenge and hub.verify_token; verified on a 200 echo. */
    VerificationResult verify(Business business) {
        String url = business.webhookUrl();
        if (url == null) {
            return new VerificationResult(false, -1, null, "no callback URL configured");
        }
        String challenge = Long.toString(1_000_000_000L + Math.floorMod(random.nextLong(), 8_999_999_999L));
        String query = "hub.mode=subscribe&hub.challenge=" + challenge + "&hub.verify_token="
                + URLEncoder.encode(
                        business.verifyToken() == null ? "" : business.verifyToken(), StandardCharsets.UTF_8);
        String target = url + (url.contains("?") ? "&" : "?") + query;
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(target))
                            .timeout(config.webhookTimeout())
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = response.body() == null ? "" : response.body().trim();
            return new VerificationResult(
                    response.statusCode() == 200 && body.equals(challenge), response.statusCode(), challenge, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new VerificationResult(false, -1, challenge, "interrupted");
        } catch (Exception e) {
            return new VerificationResult(false, -1, challenge, String.valueOf(e));
        }
    }

    @Override
    public void close() {
        closed = true;
        lanes.values().forEach(ExecutorService::shutdownNow);
        httpExecutor.shutdownNow();
        http.close();
    }
}
