package org.openchakra.metasim;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Start-up configuration of a {@link MetaSimulator}. Timeline delays are real (wall-clock) delays of the
 * simulator's scheduler; the injectable {@link #clock()} drives every Meta-visible time (timestamps, 24 h
 * window, media lifetimes, rate buckets), so tests compress the timeline without sleeping.
 */
public final class SimulatorConfig {

    /** Meta retries failed webhooks "at once, then less and less often" for 7 days (spec 6.2). */
    public static final List<Duration> META_RETRY_SCHEDULE = List.of(
            Duration.ZERO,
            Duration.ofSeconds(15),
            Duration.ofMinutes(1),
            Duration.ofMinutes(5),
            Duration.ofMinutes(15),
            Duration.ofHours(1),
            Duration.ofHours(4),
            Duration.ofHours(12),
            Duration.ofDays(1),
            Duration.ofDays(2),
            Duration.ofDays(3));

    /** The same shape compressed for tests: about 1.5 s in all. */
    public static final List<Duration> COMPRESSED_RETRY_SCHEDULE = List.of(
            Duration.ZERO,
            Duration.ofMillis(20),
            Duration.ofMillis(50),
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(800));

    private final String host;
    private final int port;
    private final Clock clock;
    private final long seed;
    private final Switches switches;
    private final Duration sentDelay;
    private final Duration deliveredDelay;
    private final Duration readDelay;
    private final List<Duration> webhookRetrySchedule;
    private final Duration webhookTimeout;
    private final Duration templateReviewDelay;
    private final int webhookConcurrency;
    private final int wabaManagementCallsPerHour;

    private SimulatorConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.clock = b.clock;
        this.seed = b.seed;
        this.switches = b.switches.copy();
        this.sentDelay = b.sentDelay;
        this.deliveredDelay = b.deliveredDelay;
        this.readDelay = b.readDelay;
        this.webhookRetrySchedule = List.copyOf(b.webhookRetrySchedule);
        this.webhookTimeout = b.webhookTimeout;
        this.templateReviewDelay = b.templateReviewDelay;
        this.webhookConcurrency = b.webhookConcurrency;
        this.wabaManagementCallsPerHour = b.wabaManagementCallsPerHour;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Clock clock() {
        return clock;
    }

    public long seed() {
        return seed;
    }

    Switches switches() {
        return switches;
    }

    public Duration sentDelay() {
        return sentDelay;
    }

    public Duration deliveredDelay() {
        return deliveredDelay;
    }

    public Duration readDelay() {
        return readDelay;
    }

    public List<Duration> webhookRetrySchedule() {
        return webhookRetrySchedule;
    }

    public Duration webhookTimeout() {
        return webhookTimeout;
    }

    public Duration templateReviewDelay() {
        return templateReviewDelay;
    }

    public int webhookConcurrency() {
        return webhookConcurrency;
    }

    public int wabaManagementCallsPerHour() {
        return wabaManagementCallsPerHour;
    }

    /** Fluent builder; every setting has a test-friendly default. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private Clock clock = Clock.systemUTC();
        // Random unless set: a restarted sandbox must not re-issue the wamids and ids of its previous run.
        private long seed = new java.security.SecureRandom().nextLong();
        private final Switches switches = new Switches();
        private Duration sentDelay = Duration.ofMillis(5);
        private Duration deliveredDelay = Duration.ofMillis(20);
        private Duration readDelay = Duration.ofMillis(40);
        private List<Duration> webhookRetrySchedule = COMPRESSED_RETRY_SCHEDULE;
        private Duration webhookTimeout = Duration.ofSeconds(10);
        private Duration templateReviewDelay = Duration.ofMillis(100);
        private int webhookConcurrency = 1;
        private int wabaManagementCallsPerHour = 5000;

        private Builder() {}

        /** Interface to bind; 127.0.0.1 by default, 0.0.0.0 to serve other hosts. */
        public Builder host(String value) {
            this.host = Objects.requireNonNull(value);
            return this;
        }

        /** TCP port; 0 (default) picks a free one, read it back with {@link MetaSimulator#baseUrl()}. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Seed of every random choice (ids, latency, reordering, duplicates) so runs replay alike. Tests set it;
         * by default it is random so separate runs never issue the same ids.
         */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Initial switches; see {@link Switches}. The simulator keeps its own copy. */
        public Builder switches(java.util.function.Consumer<Switches> edit) {
            edit.accept(switches);
            return this;
        }

        /** Delays after an accepted send before the {@code sent}, {@code delivered} and {@code read} webhooks. */
        public Builder statusDelays(Duration sent, Duration delivered, Duration read) {
            if (sent.compareTo(delivered) > 0 || delivered.compareTo(read) > 0) {
                throw new IllegalArgumentException("need sent <= delivered <= read");
            }
            this.sentDelay = sent;
            this.deliveredDelay = delivered;
            this.readDelay = read;
            return this;
        }

        /**
         * Delay before each webhook attempt after a failed one; the list length bounds the attempts (first try +
         * one per element). Use {@link #META_RETRY_SCHEDULE} for Meta's real 7-day timeline.
         */
        public Builder webhookRetrySchedule(List<Duration> delays) {
            this.webhookRetrySchedule = List.copyOf(delays);
            return this;
        }

        /** How long a receiver may take to answer before the attempt counts as failed (spec 9 #18). */
        public Builder webhookTimeout(Duration value) {
            this.webhookTimeout = value;
            return this;
        }

        /** Real delay between PENDING and the review outcome of a created or edited template. */
        public Builder templateReviewDelay(Duration value) {
            this.templateReviewDelay = value;
            return this;
        }

        /**
         * Webhook POSTs in flight at once per WABA. 1 (default) keeps publication order; raise it for load tests
         * where a receiver's latency would otherwise cap the status throughput.
         */
        public Builder webhookConcurrency(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("webhookConcurrency must be at least 1");
            }
            this.webhookConcurrency = value;
            return this;
        }

        /** WABA management calls (WABA node, phone numbers, templates) per WABA per moving hour before 80007. */
        public Builder wabaManagementCallsPerHour(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("wabaManagementCallsPerHour must be at least 1");
            }
            this.wabaManagementCallsPerHour = value;
            return this;
        }

        public SimulatorConfig build() {
            return new SimulatorConfig(this);
        }
    }
}
