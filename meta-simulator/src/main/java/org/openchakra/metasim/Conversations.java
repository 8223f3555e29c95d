package org.openchakra.metasim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-chat state: the 24-hour customer service window (spec 1.9), the pair-rate buckets (spec 7), and the
 * messages exchanged, so reactions, replies and mark-as-read can refer to them. Message maps are bounded so a
 * long benchmark does not grow the heap without end.
 */
final class Conversations {

    static final Duration WINDOW = Duration.ofHours(24);
    static final Duration REFERENCE_LIFETIME = Duration.ofDays(30);
    private static final int MAX_REMEMBERED = 200_000;
    /** 1 message per 6 s with bursts of 45 (spec 7). */
    private static final double PAIR_BURST = 45;

    private static final double PAIR_RATE_PER_SECOND = 1.0 / 6.0;

    record MessageRef(String wamid, String phoneNumberId, String waId, String type, boolean inbound, Instant at) {}

    private final Clock clock;
    private final Map<String, Instant> lastInbound = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> pairBuckets = new ConcurrentHashMap<>();
    private final Map<String, String> lastOutbound = new ConcurrentHashMap<>();
    private final Map<String, MessageRef> messages =
            Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, MessageRef> eldest) {
                    return size() > MAX_REMEMBERED;
                }
            });

    Conversations(Clock clock) {
        this.clock = clock;
    }

    private static String key(String phoneNumberId, String waId) {
        return phoneNumberId + "|" + waId;
    }

    /** An inbound message or call opens or restarts the window. */
    void openWindow(String phoneNumberId, String waId) {
        lastInbound.put(key(phoneNumberId, waId), clock.instant());
    }

    /** A message at {@code at}, seen elsewhere: the window runs from the latest message known. */
    void openWindow(String phoneNumberId, String waId, Instant at) {
        lastInbound.merge(key(phoneNumberId, waId), at, (known, seen) -> seen.isAfter(known) ? seen : known);
    }

    boolean windowOpen(String phoneNumberId, String waId) {
        Instant last = lastInbound.get(key(phoneNumberId, waId));
        return last != null && clock.instant().isBefore(last.plus(WINDOW));
    }

    boolean tryPairSend(String phoneNumberId, String waId) {
        return pairBuckets
                .computeIfAbsent(
                        key(phoneNumberId, waId), k -> new TokenBucket(clock, PAIR_BURST, PAIR_RATE_PER_SECOND))
                .tryTake();
    }

    void remember(MessageRef ref) {
        messages.put(ref.wamid(), ref);
        if (!ref.inbound()) {
            lastOutbound.put(key(ref.phoneNumberId(), ref.waId()), ref.wamid());
        }
    }

    /** The last message the business sent this user: what an interactive or button reply refers to. */
    String lastOutbound(String phoneNumberId, String waId) {
        return lastOutbound.get(key(phoneNumberId, waId));
    }

    /** A message of this number younger than 30 days, or null. */
    MessageRef find(String phoneNumberId, String wamid) {
        MessageRef ref = messages.get(wamid);
        if (ref == null
                || !ref.phoneNumberId().equals(phoneNumberId)
                || clock.instant().isAfter(ref.at().plus(REFERENCE_LIFETIME))) {
            return null;
        }
        return ref;
    }
}
