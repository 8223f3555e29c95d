package org.openchakra.metasim;

import java.time.Duration;

/**
 * Behaviour switches that may change while the simulator runs (spec 8, 9). Every field is volatile: tests flip
 * them between requests from another thread. Setters return {@code this} for chaining.
 */
public final class Switches {

    private volatile int authErrorHttpStatus = 401;
    private volatile int rateLimitHttpStatus = 400;
    private volatile WindowErrorMode windowErrorMode = WindowErrorMode.SYNC;
    private volatile boolean enforceWindow = true;
    private volatile boolean enforceThroughput = true;
    private volatile boolean enforcePairRate = true;
    private volatile boolean readByRecipients = true;
    private volatile double skipDeliveredProbability = 0.0;
    private volatile double duplicateWebhookProbability = 0.0;
    private volatile boolean reorderStatuses = false;
    private volatile int webhookBatchSize = 1;
    private volatile Duration webhookBatchWindow = Duration.ofMillis(20);
    private volatile boolean sendSha1Signature = false;
    private volatile TemplateReviewOutcome templateReviewOutcome = TemplateReviewOutcome.APPROVE;
    private volatile boolean approveTemplatesOnCreate = false;
    private volatile boolean sniffMediaContent = true;
    private volatile Duration minLatency = Duration.ZERO;
    private volatile Duration maxLatency = Duration.ZERO;

    /** A copy, so a config's defaults are never shared between simulators. */
    Switches copy() {
        Switches c = new Switches();
        c.authErrorHttpStatus = authErrorHttpStatus;
        c.rateLimitHttpStatus = rateLimitHttpStatus;
        c.windowErrorMode = windowErrorMode;
        c.enforceWindow = enforceWindow;
        c.enforceThroughput = enforceThroughput;
        c.enforcePairRate = enforcePairRate;
        c.readByRecipients = readByRecipients;
        c.skipDeliveredProbability = skipDeliveredProbability;
        c.duplicateWebhookProbability = duplicateWebhookProbability;
        c.reorderStatuses = reorderStatuses;
        c.webhookBatchSize = webhookBatchSize;
        c.webhookBatchWindow = webhookBatchWindow;
        c.sendSha1Signature = sendSha1Signature;
        c.templateReviewOutcome = templateReviewOutcome;
        c.approveTemplatesOnCreate = approveTemplatesOnCreate;
        c.sniffMediaContent = sniffMediaContent;
        c.minLatency = minLatency;
        c.maxLatency = maxLatency;
        return c;
    }

    /** HTTP status of code 190 answers: 401 (Meta's table, default) or 400 (seen for unparseable tokens). */
    public Switches authErrorHttpStatus(int status) {
        this.authErrorHttpStatus = requireOneOf(status, 401, 400);
        return this;
    }

    /** HTTP status of codes 4 and 130429: 400 (Meta's table, default) or 429 (OAS sample). */
    public Switches rateLimitHttpStatus(int status) {
        this.rateLimitHttpStatus = requireOneOf(status, 400, 429);
        return this;
    }

    public Switches windowErrorMode(WindowErrorMode mode) {
        this.windowErrorMode = mode;
        return this;
    }

    /** Off lets free-form messages through without an inbound message first (handy for load tests). */
    public Switches enforceWindow(boolean enforce) {
        this.enforceWindow = enforce;
        return this;
    }

    public Switches enforceThroughput(boolean enforce) {
        this.enforceThroughput = enforce;
        return this;
    }

    public Switches enforcePairRate(boolean enforce) {
        this.enforcePairRate = enforce;
        return this;
    }

    /** Whether simulated users read what they receive ({@code read} statuses follow {@code delivered}). */
    public Switches readByRecipients(boolean read) {
        this.readByRecipients = read;
        return this;
    }

    /** Probability that {@code delivered} is skipped because {@code read} came at once (spec 6.5). */
    public Switches skipDeliveredProbability(double probability) {
        this.skipDeliveredProbability = requireProbability(probability);
        return this;
    }

    /** Probability that a webhook POST is replayed once more after it was acknowledged (at-least-once, 6.8). */
    public Switches duplicateWebhookProbability(double probability) {
        this.duplicateWebhookProbability = requireProbability(probability);
        return this;
    }

    /** Emit the statuses of one message in a seeded-random order instead of sent, delivered, read. */
    public Switches reorderStatuses(boolean reorder) {
        this.reorderStatuses = reorder;
        return this;
    }

    /** Up to this many updates per webhook POST (several {@code entry} items). 1 = no batching; Meta's max 1000. */
    public Switches webhookBatchSize(int size) {
        if (size < 1 || size > 1000) {
            throw new IllegalArgumentException("batch size must be 1..1000");
        }
        this.webhookBatchSize = size;
        return this;
    }

    /** How long a partial batch waits for more updates before it is sent anyway (with batch size above 1). */
    public Switches webhookBatchWindow(Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("window must not be negative");
        }
        this.webhookBatchWindow = window;
        return this;
    }

    /** Also send the legacy {@code X-Hub-Signature: sha1=...} header (spec 9 #24). */
    public Switches sendSha1Signature(boolean send) {
        this.sendSha1Signature = send;
        return this;
    }

    public Switches templateReviewOutcome(TemplateReviewOutcome outcome) {
        this.templateReviewOutcome = outcome;
        return this;
    }

    /** Answer {@code "status": "APPROVED"} on create, as Meta sometimes does, and skip the review. */
    public Switches approveTemplatesOnCreate(boolean approve) {
        this.approveTemplatesOnCreate = approve;
        return this;
    }

    /** Refuse uploads whose bytes carry the signature of another known type than the declared MIME (131053). */
    public Switches sniffMediaContent(boolean sniff) {
        this.sniffMediaContent = sniff;
        return this;
    }

    /** Every Graph answer waits this long first. */
    public Switches fixedLatency(Duration latency) {
        return randomLatency(latency, latency);
    }

    /** Every Graph answer waits a seeded-random time in [min, max] first. */
    public Switches randomLatency(Duration min, Duration max) {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 <= min <= max");
        }
        this.minLatency = min;
        this.maxLatency = max;
        return this;
    }

    public int authErrorHttpStatus() {
        return authErrorHttpStatus;
    }

    public int rateLimitHttpStatus() {
        return rateLimitHttpStatus;
    }

    public WindowErrorMode windowErrorMode() {
        return windowErrorMode;
    }

    public boolean enforceWindow() {
        return enforceWindow;
    }

    public boolean enforceThroughput() {
        return enforceThroughput;
    }

    public boolean enforcePairRate() {
        return enforcePairRate;
    }

    public boolean readByRecipients() {
        return readByRecipients;
    }

    public double skipDeliveredProbability() {
        return skipDeliveredProbability;
    }

    public double duplicateWebhookProbability() {
        return duplicateWebhookProbability;
    }

    public boolean reorderStatuses() {
        return reorderStatuses;
    }

    public int webhookBatchSize() {
        return webhookBatchSize;
    }

    public Duration webhookBatchWindow() {
        return webhookBatchWindow;
    }

    public boolean sendSha1Signature() {
        return sendSha1Signature;
    }

    public TemplateReviewOutcome templateReviewOutcome() {
        return templateReviewOutcome;
    }

    public boolean approveTemplatesOnCreate() {
        return approveTemplatesOnCreate;
    }

    public boolean sniffMediaContent() {
        return sniffMediaContent;
    }

    public Duration minLatency() {
        return minLatency;
    }

    public Duration maxLatency() {
        return maxLatency;
    }

    /** Applies the HTTP-status switches of spec 9 #9 and #10 to an error about to be answered. */
    MetaError adjust(MetaError error) {
        if (error.code() == 190 && error.httpStatus() != authErrorHttpStatus) {
            return error.withHttpStatus(authErrorHttpStatus);
        }
        if ((error.code() == 130429 || error.code() == 4) && error.httpStatus() != rateLimitHttpStatus) {
            return error.withHttpStatus(rateLimitHttpStatus);
        }
        return error;
    }

    private static int requireOneOf(int value, int a, int b) {
        if (value != a && value != b) {
            throw new IllegalArgumentException("expected " + a + " or " + b + ", got " + value);
        }
        return value;
    }

    private static double requireProbability(double p) {
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException("probability must be in [0, 1]");
        }
        return p;
    }
}
