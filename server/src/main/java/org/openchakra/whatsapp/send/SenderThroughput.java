package org.openchakra.whatsapp.send;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import org.openchakra.ratelimit.LeasedTokens;
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
public class SenderThroughput {

    static final Duration MAX_WAIT = Duration.ofSeconds(1);
    /** A refused sender can try again once the wait it was refused has passed. */
    static final long RETRY_AFTER_SECONDS = MAX_WAIT.toSeconds();

    private final PostgresBuckets buckets;
    private final LeasedTokens leased;

    public SenderThroughput(PostgresBuckets buckets, LeasedTokens leased) {
        this.buckets = buckets;
        this.leased = leased;
    }

    /**
     * Takes one token of the number's bucket, waiting up to a second; refuses with 130429 otherwise. A busy
     * number's sends take their tokens from this process's lease while it lasts ({@link LeasedTokens}).
     */
    public void acquire(WhatsappPlugin.PhoneNumber number) {
        int mps = messagesPerSecond(number);
        if (LeasedTokens.leases(mps, mps)
                && leased.take(key(number.id(), mps), config(mps), mps, mps).consumed()) {
            return;
        }
        if (!take(number, 1, MAX_WAIT)) {
            throw MetaLocalRefusal.throughput(RETRY_AFTER_SECONDS);
        }
    }

    /**
     * Takes {@code tokens} of the number's bucket at once (a campaign's batch, at most a second's worth),
     * waiting up to {@code maxWait} for them; answers false, having taken nothing, when they would not be
     * there in time.
     */
    public boolean take(WhatsappPlugin.PhoneNumber number, int tokens, Duration maxWait) {
        int mps = Math.max(1, number.throughputMps());
        // Bucket4j reserves the tokens and sleeps only when they will be there within maxWait: a send that
        // would wait longer is refused without waiting in vain.
        return buckets.apply(
                key(number.id(), mps),
                config(mps),
                bucket -> bucket.asBlocking().tryConsumeUninterruptibly(tokens, maxWait));
    }

    /** Puts back tokens taken by {@link #take} and not used (a batch that found fewer messages to send). */
    public void giveBack(WhatsappPlugin.PhoneNumber number, int tokens) {
        int mps = Math.max(1, number.throughputMps());
        if (tokens > 0) {
            buckets.apply(key(number.id(), mps), config(mps), bucket -> {
                bucket.addTokens(tokens);
                return null;
            });
        }
    }

    /** The number's throughput in messages per second, as its bucket refills. */
    public static int messagesPerSecond(WhatsappPlugin.PhoneNumber number) {
        return Math.max(1, number.throughputMps());
    }

    private static BucketConfiguration config(int mps) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(mps)
                        .refillGreedy(mps, Duration.ofSeconds(1))
                        .build())
                .build();
    }

    /** The rate is part of the key: a number whose throughput changes starts a fresh bucket on every instance. */
    static String key(String phoneNumberId, int mps) {
        return "whatsapp-number:" + phoneNumberId + ":" + mps;
    }
}
