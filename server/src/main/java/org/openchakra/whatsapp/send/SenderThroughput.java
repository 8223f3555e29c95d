package org.openchakra.whatsapp.send;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import org.openchakra.ratelimit.PostgresBuckets;
import org.openchakra.whatsapp.meta.MetaLocalRefusal;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.springframework.stereotype.Component;

/**
 * Meta's throughput per sender number (whatsapp.md §8): a token bucket at the number's {@code throughputMps}
 * (capacity one second's worth), in PostgreSQL so that every server instance draws from the same one.
 * A send that finds the bucket empty may wait up to {@link #MAX_WAIT} for a token; one that could not get
 * a token within that time is refused at once with Meta's 130429, without calling Meta.
 */
@Component
class SenderThroughput {

    static final Duration MAX_WAIT = Duration.ofSeconds(1);
    /** A refused sender can try again once the wait it was refused has passed. */
    static final long RETRY_AFTER_SECONDS = MAX_WAIT.toSeconds();

    private final PostgresBuckets buckets;

    public SenderThroughput(PostgresBuckets buckets) {
        this.buckets = buckets;
    }

    /** Takes one token of the number's bucket, waiting up to a second; refuses with 130429 otherwise. */
    public void acquire(WhatsappPlugin.PhoneNumber number) {
        int mps = Math.max(1, number.throughputMps());
        BucketConfiguration config = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(mps)
                        .refillGreedy(mps, Duration.ofSeconds(1))
                        .build())
                .build();
        // Bucket4j reserves the token and sleeps only when it will be there within MAX_WAIT: a send that
        // would wait longer is refused without waiting in vain.
        boolean taken = buckets.apply(
                key(number.id(), mps), config, bucket -> bucket.asBlocking().tryConsumeUninterruptibly(1, MAX_WAIT));
        if (!taken) {
            throw MetaLocalRefusal.throughput(RETRY_AFTER_SECONDS);
        }
    }

    /** The rate is part of the key: a number whose throughput changes starts a fresh bucket on every instance. */
    static String key(String phoneNumberId, int mps) {
        return "whatsapp-number:" + phoneNumberId + ":" + mps;
    }
}
