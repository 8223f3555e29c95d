package org.openchakra.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import org.openchakra.web.Caller;
import org.springframework.stereotype.Component;

/**
 * One token bucket per API key, kept in PostgreSQL by Bucket4j so that the limit holds across every
 * server instance (README §7). The team's limits are part of the bucket's key: changing them starts
 * fresh buckets at once, on every instance.
 */
@Component
class ApiKeyRateLimiter {

    private final PostgresBuckets buckets;

    public ApiKeyRateLimiter(PostgresBuckets buckets) {
        this.buckets = buckets;
    }

    public ConsumptionProbe tryConsume(Caller caller) {
        int rps = caller.requestsPerSecond();
        int burst = caller.burst();
        BucketConfiguration config = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(burst)
                        .refillGreedy(rps, Duration.ofSeconds(1))
                        .build())
                .build();
        return buckets.apply(
                caller.apiKeyId() + ":" + rps + ":" + burst, config, bucket -> bucket.tryConsumeAndReturnRemaining(1));
    }
}
