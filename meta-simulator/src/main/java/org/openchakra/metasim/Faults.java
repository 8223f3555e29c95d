package org.openchakra.metasim;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Injected failures: "the next N calls to this route answer that error", and the HTTP flavours of "down". */
final class Faults {

    private final Map<Route, ConcurrentLinkedQueue<MetaError>> queued = new ConcurrentHashMap<>();
    private volatile DownMode down;

    void failNext(Route route, int count, MetaError error) {
        ConcurrentLinkedQueue<MetaError> queue = queued.computeIfAbsent(route, r -> new ConcurrentLinkedQueue<>());
        for (int i = 0; i < count; i++) {
            queue.add(error);
        }
    }

    void down(DownMode mode) {
        this.down = mode;
    }

    DownMode down() {
        return down;
    }

    void clear() {
        queued.clear();
        down = null;
    }

    /** Throws the error due for this call, if any: outage first, then the route's queue, then {@link Route#ANY}. */
    void check(Route route) {
        DownMode mode = down;
        if (mode == DownMode.HTTP_500) {
            throw new GraphException(MetaErrors.unexpected(500));
        }
        if (mode == DownMode.HTTP_503) {
            throw new GraphException(MetaErrors.unexpected(503).withMessage("Service temporarily unavailable"));
        }
        MetaError error = poll(route);
        if (error == null) {
            error = poll(Route.ANY);
        }
        if (error != null) {
            throw new GraphException(error);
        }
    }

    private MetaError poll(Route route) {
        ConcurrentLinkedQueue<MetaError> queue = queued.get(route);
        return queue == null ? null : queue.poll();
    }
}
