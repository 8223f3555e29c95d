package org.openchakra.metasim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WABA management rate (spec 7): calls to the WABA node, its phone numbers and message templates count in a
 * moving hour; past the limit they answer 80007. Meta's limit is 5000/h for an active WABA with a registered
 * number (200/h otherwise); every simulated WABA has numbers, so 5000 is the default.
 */
final class ManagementRate {

    private static final Duration WINDOW = Duration.ofHours(1);

    private final Clock clock;
    private final int limitPerHour;
    private final Map<String, Deque<Instant>> calls = new ConcurrentHashMap<>();

    ManagementRate(Clock clock, int limitPerHour) {
        this.clock = clock;
        this.limitPerHour = limitPerHour;
    }

    /** Counts one call; throws 80007 when the WABA is over its hourly budget. */
    void take(String wabaId) {
        Deque<Instant> window = calls.computeIfAbsent(wabaId, k -> new ArrayDeque<>());
        Instant now = clock.instant();
        synchronized (window) {
            while (!window.isEmpty() && !window.peekFirst().isAfter(now.minus(WINDOW))) {
                window.pollFirst();
            }
            if (window.size() >= limitPerHour) {
                throw new GraphException(MetaError.of(
                        80007, "The WhatsApp Business Account has reached its rate limit." + " Try again later."));
            }
            window.addLast(now);
        }
    }

    /** Percentage of the hourly budget used, as {@code x-business-use-case-usage} reports it. */
    int usagePercent(String wabaId) {
        Deque<Instant> window = calls.get(wabaId);
        if (window == null) {
            return 0;
        }
        synchronized (window) {
            return (int) Math.min(100, window.size() * 100L / limitPerHour);
        }
    }
}
