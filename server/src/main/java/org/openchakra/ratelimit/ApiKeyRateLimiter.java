package org.openchakra.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import org.openchakra.web.Caller;
import org.springframework.stereotype.Component;

/**
 * One token bucket per API key, kept in PostgreSQL by Bucket4j so that the limit holds across every
 * server instance (README §7), taken from a few tokens at a time by a busy key ({@link LeasedTokens}). The team's
 * limits are part of the bucket's key: changing them starts fresh buckets at once, on every instance.
 */
@Component
class ApiKeyRateLimiter {

    private final LeasedTokens tokens;

    public ApiKeyRateLimiter(LeasedTokens tokens) {
        this.tokens = tokens;
    }

    public LeasedTokens.Taken tryConsume(Caller caller) {
        int rps = caller.requestsPerSecond();
        int burst = caller.burst();
        BucketConfiguration config = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(burst)
                        .refillGreedy(rps, Duration.ofSeconds(1))
                        .build())
                .build();
        return tokens.take(caller.apiKeyId() + ":" + rps + ":" + burst, config, rps, burst);
    }
}
