package org.openchakra.common;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A small read-through cache whose entries live a fixed time: for values read on every request (a plugin,
 * its app secret, a team's webhook secret) that may change through another server process. A null value
 * is not kept, and the map is emptied when it reaches its bound, since keys may come from callers. A value read
 * while an entry was being forgotten is not kept: it may be what the change that was forgotten replaced.
 */
public final class ExpiringCache<K, V> {

    private record Entry<V>(V value, long expiresAt) {}

    private final long ttlNanos;
    private final int maxEntries;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    /** Counts forgets: a load that saw another count when it began may have read what was forgotten. */
    private final AtomicLong forgets = new AtomicLong();

    public ExpiringCache(Duration ttl, int maxEntries) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    public V get(K key, Function<K, V> load) {
        long now = System.nanoTime();
        Entry<V> hit = entries.get(key);
        if (hit != null && hit.expiresAt() - now > 0) {
            return hit.value();
        }
        long before = forgets.get();
        V value = load.apply(key);
        if (value != null && forgets.get() == before) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, new Entry<>(value, now + ttlNanos));
        }
        return value;
    }

    public void forget(K key) {
        forgets.incrementAndGet();
        entries.remove(key);
    }

    public void forgetAll() {
        forgets.incrementAndGet();
        entries.clear();
    }
}
