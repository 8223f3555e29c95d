package org.openchakra.metasim;

import java.time.Clock;

/**
 * A token bucket on the injectable clock (spec 7): per-number throughput and the per-pair rate. With a
 * {@link MutableClock} it refills only when the test advances time, which makes limit tests exact.
 */
final class TokenBucket {

    private final Clock clock;
    private final double capacity;
    private final double refillPerSecond;
    private double tokens;
    private long lastNanos;

    TokenBucket(Clock clock, double capacity, double refillPerSecond) {
        this.clock = clock;
        this.capacity = capacity;
        this.refillPerSecond = refillPerSecond;
        this.tokens = capacity;
        this.lastNanos = nanos();
    }

    synchronized boolean tryTake() {
        long now = nanos();
        if (now > lastNanos) {
            tokens = Math.min(capacity, tokens + (now - lastNanos) / 1e9 * refillPerSecond);
            lastNanos = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    private long nanos() {
        var instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
