package org.openchakra.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Leased tokens still come out of the one shared bucket: two processes (each its own {@link LeasedTokens} and
 * {@link PostgresBuckets} over the same table) taking as fast as they can get no more than the bucket gives plus
 * one lease each, where buckets of their own would give each the whole bucket.
 */
class LeasedTokensTest extends IntegrationTest {

    private static final int PER_SECOND = 1_000;
    private static final int CAPACITY = 400;

    @Autowired
    DataSource dataSource;

    @Test
    void twoProcessesTakingAtOnceShareOneBucket() throws Exception {
        String key = "leased-test:" + UUID.randomUUID();
        BucketConfiguration config = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(CAPACITY)
                        .refillGreedy(PER_SECOND, Duration.ofSeconds(1))
                        .build())
                .build();
        assertThat(LeasedTokens.leaseSize(PER_SECOND, CAPACITY)).isEqualTo(20);
        LeasedTokens one = new LeasedTokens(new PostgresBuckets(dataSource));
        LeasedTokens other = new LeasedTokens(new PostgresBuckets(dataSource));
        AtomicLong taken = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        long start = System.nanoTime();
        long until = start + Duration.ofMillis(300).toNanos();
        Thread[] takers = new Thread[4];
        for (int i = 0; i < takers.length; i++) {
            LeasedTokens tokens = i % 2 == 0 ? one : other;
            takers[i] = Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < until) {
                    if (tokens.take(key, config, PER_SECOND, CAPACITY).consumed()) {
                        taken.incrementAndGet();
                    } else {
                        refused.incrementAndGet();
                    }
                }
            });
        }
        for (Thread taker : takers) {
            taker.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(refused.get()).as("the takers emptied the bucket").isPositive();
        // The bucket, what it refilled meanwhile, and at most one lease per process taken before the end.
        assertThat(taken.get()).isLessThanOrEqualTo(CAPACITY + (long) Math.ceil(PER_SECOND * seconds) + 2 * 20);
    }
}
