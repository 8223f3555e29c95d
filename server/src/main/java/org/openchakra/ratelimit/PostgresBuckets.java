package org.openchakra.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Token buckets kept in PostgreSQL by Bucket4j (table {@code rate_limit_bucket}), so that a limit holds
 * across every server instance on one database. Each user of this class owns a key prefix of its own
 * (API keys: {@code <uuid>:...}; WhatsApp sender numbers: {@code whatsapp-number:...}), so keys never collide.
 */
@Component
public class PostgresBuckets {

    private final ProxyManager<String> buckets;
    /** Optimized proxies keep their batching state, so they are made once per bucket and reused. */
    private final Map<String, Bucket> bucketsByKey = new ConcurrentHashMap<>();

    public PostgresBuckets(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                .idColumn("id")
                .stateColumn("state")
                .build();
    }

    /**
     * Runs {@code operation} on the bucket of {@code key}, made with {@code config} if it does not exist. The
     * configuration must be a function of the key: put the limits into the key, so that changing them starts
     * a fresh bucket everywhere without any cache to invalidate.
     */
    public <T> T apply(String key, BucketConfiguration config, Function<Bucket, T> operation) {
        Bucket bucket = bucketsByKey.computeIfAbsent(key, k -> {
            // Batched commands cannot create a bucket that does not exist yet (concurrent first calls
            // of a new key failed with BucketNotFoundException), so the first touch is unbatched.
            buckets.builder().build(k, () -> config).getAvailableTokens();
            return buckets.builder()
                    // Concurrent requests on one bucket share one database round trip instead of
                    // queueing on the bucket's row lock one by one.
                    .withOptimization(Optimizations.batching())
                    .build(k, () -> config);
        });
        try {
            return operation.apply(bucket);
        } catch (BucketNotFoundException removed) {
            // Its row was deleted behind our back: start it again.
            bucketsByKey.remove(key);
            return operation.apply(buckets.builder().build(key, () -> config));
        }
    }
}
