package org.openchakra.campaign;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.UUID;
import org.openchakra.ratelimit.PostgresBuckets;
import org.springframework.stereotype.Component;

/**
 * A campaign's own cap (campaigns.md §3 {@code throughputMps}): a token bucket per campaign in PostgreSQL, so
 * that every server sending for one campaign draws from the same one. Its sends also take the sender number's
 * tokens, which API and inbox sends share: a campaign at 80 % of the number leaves them the rest.
 */
@Component
class CampaignPace {

    private final PostgresBuckets buckets;

    CampaignPace(PostgresBuckets buckets) {
        this.buckets = buckets;
    }

    /** Takes {@code tokens} (at most a second's worth) within {@code maxWait}; false, taking none, otherwise. */
    boolean take(UUID campaignId, int mps, int tokens, Duration maxWait) {
        return buckets.apply(
                key(campaignId, mps),
                config(mps),
                bucket -> bucket.asBlocking().tryConsumeUninterruptibly(tokens, maxWait));
    }

    void giveBack(UUID campaignId, int mps, int tokens) {
        if (tokens > 0) {
            buckets.apply(key(campaignId, mps), config(mps), bucket -> {
                bucket.addTokens(tokens);
                return null;
            });
        }
    }

    /** The pace is part of the key: a changed cap starts a fresh bucket on every server. */
    private static String key(UUID campaignId, int mps) {
        return "campaign:" + campaignId + ":" + mps;
    }

    private static BucketConfiguration config(int mps) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(mps)
                        .refillGreedy(mps, Duration.ofSeconds(1))
                        .build())
                .build();
    }
}
