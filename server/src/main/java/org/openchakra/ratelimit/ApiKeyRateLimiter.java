package org.openchakra.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Duration;
import javax.sql.DataSource;
import org.openchakra.web.Caller;
import org.springframework.stereotype.Component;

/**
 * One token bucket per API key, kept in PostgreSQL by Bucket4j so that the limit holds across every
 * server instance (README §7). The team's limits are part of the bucket's key: changing them starts
 * fresh buckets at once, on every instance.
 */
@Component
public class ApiKeyRateLimiter {

    private final ProxyManager<String> buckets;
    /** Optimized proxies keep their batching state, so they are made once per bucket and reused. */
    private final Map<String, Bucket> bucketsByKey = new ConcurrentHashMap<>();

    public ApiKeyRateLimiter(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                .idColumn("id")
                .stateColumn("state")
                .build();
    }

    public ConsumptionProbe tryConsume(Caller caller) {
        int rps = caller.requestsPerSecond();
        int burst = caller.burst();
        BucketConfiguration config = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(rps, Duration.ofSeconds(1)).build())
                .build();
        String key = caller.apiKeyId() + ":" + rps + ":" + burst;
        Bucket bucket = bucketsByKey.computeIfAbsent(key, k -> {
            // Batched commands cannot create a bucket that does not exist yet (concurrent first calls
            // of a new key failed with BucketNotFoundException), so the first touch is unbatched.
            buckets.builder().build(k, () -> config).getAvailableTokens();
            return buckets.builder()
                    // Concurrent requests of one key share one database round trip instead of
                    // queueing on the bucket's row lock one by one.
                    .withOptimization(Optimizations.batching())
                    .build(k, () -> config);
        });
        try {
            return bucket.tryConsumeAndReturnRemaining(1);
        } catch (BucketNotFoundException removed) {
            // Its row was deleted behind our back: start it again.
            bucketsByKey.remove(key);
            return buckets.builder().build(key, () -> config).tryConsumeAndReturnRemaining(1);
        }
    }
}
