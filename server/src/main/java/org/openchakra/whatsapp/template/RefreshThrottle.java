package org.openchakra.whatsapp.template;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one refresh per key within {@code spacing}: a caller naming templates that do not exist must
 * not turn each of its requests into calls on Meta's management API, which Meta rate-limits per WABA.
 * Per server process; a second process may refresh the same key once more, which is harmless.
 */
final class RefreshThrottle {

    /** Ids are the caller's to make up: the map is emptied rather than allowed to grow without bound. */
    private static final int MAX_KEYS = 10_000;

    private final long spacingNanos;
    private final Map<Object, Long> last = new ConcurrentHashMap<>();

    RefreshThrottle(Duration spacing) {
        this.spacingNanos = spacing.toNanos();
    }

    /** True, and the key marked as refreshed now, unless it was refreshed within the spacing. */
    boolean tryAcquire(Object key) {
        long now = System.nanoTime();
        boolean[] acquired = {false};
        last.compute(key, (k, at) -> {
            if (at == null || now - at >= spacingNanos) {
                acquired[0] = true;
                return now;
            }
            return at;
        });
        if (last.size() > MAX_KEYS) {
            last.clear();
        }
        return acquired[0];
    }
}
