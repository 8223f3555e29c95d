package org.openchakra.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * Takes tokens from the shared buckets ({@link PostgresBuckets}) a few at a time and hands them out in this process,
 * so that a busy key or sender number costs a database round trip per lease instead of per request.
 *
 * <p>A lease is at most {@link #LEASE_SHARE} of a second's refill and a tenth of the bucket; below two tokens there
 * is no lease, and every token is taken from the database as before (so small limits, such as the default 100/s
 * for a key or 80/s for a number, behave exactly as they did at low rates). The limit still holds across every
 * instance: a leased token was taken from the shared bucket before it is used. What a lease costs is bounded: its
 * unused tokens are dropped after {@link #LEASE_LIFE} (the bucket lent them then, so a key that stops gives up at
 * most one lease), and a token used late by that much lets the total over a window exceed the bucket by at most
 * one lease per process. When a lease cannot be had (the bucket is nearly empty), tokens are taken one at a time,
 * exactly as without leases, until {@link #LEASE_LIFE} has passed.
 */
@Component
public class LeasedTokens {

    static final Duration LEASE_LIFE = Duration.ofMillis(500);
    /** A lease is at most this share of a second's refill: 20 ms worth. */
    static final int LEASE_SHARE = 50;

    /** The outcome of taking one token, with what the rate-limit headers say. */
    public record Taken(boolean consumed, long remaining, long nanosToWaitForReset, long nanosToWaitForRefill) {
        static Taken of(ConsumptionProbe probe) {
            return new Taken(
                    probe.isConsumed(),
                    probe.getRemainingTokens(),
                    probe.getNanosToWaitForReset(),
                    probe.getNanosToWaitForRefill());
        }
    }

    private final PostgresBuckets buckets;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();

    public LeasedTokens(PostgresBuckets buckets) {
        this.buckets = buckets;
    }

    /**
     * One token of the bucket {@code key} ({@code config}, which refills {@code perSecond} tokens a second up to
     * {@code capacity}), from this process's lease when it has one; refused when the bucket has none.
     */
    public Taken take(String key, BucketConfiguration config, int perSecond, int capacity) {
        int size = leaseSize(perSecond, capacity);
        if (size < 2) {
            return one(key, config);
        }
        Lease lease = leases.computeIfAbsent(key, k -> new Lease());
        Taken local = lease.take(System.nanoTime(), perSecond, capacity);
        if (local != null) {
            return local;
        }
        if (System.nanoTime() - lease.refusedAt < LEASE_LIFE.toNanos()) {
            return one(key, config); // near the limit: exactly as without leases, concurrently
        }
        lease.refill.lock();
        try {
            local = lease.take(System.nanoTime(), perSecond, capacity); // another caller may have leased meanwhile
            if (local != null) {
                return local;
            }
            ConsumptionProbe probe = buckets.apply(key, config, b -> b.tryConsumeAndReturnRemaining(size));
            long now = System.nanoTime();
            if (!probe.isConsumed()) {
                lease.refusedAt = now;
                return one(key, config);
            }
            lease.fill(size - 1, probe, now);
            return new Taken(true, probe.getRemainingTokens() + size - 1, probe.getNanosToWaitForReset(), 0);
        } finally {
            lease.refill.unlock();
        }
    }

    private Taken one(String key, BucketConfiguration config) {
        return Taken.of(buckets.apply(key, config, b -> b.tryConsumeAndReturnRemaining(1)));
    }

    /** Whether a bucket of this rate and capacity is taken from by leases (else one token at a time). */
    public static boolean leases(int perSecond, int capacity) {
        return leaseSize(perSecond, capacity) >= 2;
    }

    static int leaseSize(int perSecond, int capacity) {
        return Math.max(1, Math.min(capacity / 10, perSecond / LEASE_SHARE));
    }

    /** Tokens this process took from one bucket and has not handed out yet. */
    private static final class Lease {
        final ReentrantLock refill = new ReentrantLock();
        volatile long refusedAt = System.nanoTime() - LEASE_LIFE.toNanos() * 2;
        private int tokens;
        private long leasedAt;
        private long remainingAtLease;
        private long resetAtLease;

        synchronized Taken take(long now, int perSecond, int capacity) {
            if (tokens == 0 || now - leasedAt > LEASE_LIFE.toNanos()) {
                tokens = 0;
                return null;
            }
            tokens--;
            long elapsed = now - leasedAt;
            // What the bucket holds now, as far as this process can tell: it refilled meanwhile.
            long refilled = elapsed * perSecond / 1_000_000_000L;
            long remaining = Math.min(capacity, remainingAtLease + refilled + tokens);
            return new Taken(true, remaining, Math.max(0, resetAtLease - elapsed), 0);
        }

        synchronized void fill(int count, ConsumptionProbe probe, long now) {
            tokens = count;
            leasedAt = now;
            remainingAtLease = probe.getRemainingTokens();
            resetAtLease = probe.getNanosToWaitForReset();
        }
    }
}
