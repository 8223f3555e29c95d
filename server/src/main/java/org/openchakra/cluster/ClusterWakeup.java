package org.openchakra.cluster;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A wake-up for the loops that work a shared queue in every server process (inbound notifications, customer
 * webhooks, durable jobs): whoever adds work announces it in the adding transaction, and every process's loops
 * are woken once it commits, so that idle loops sleep instead of polling the database.
 *
 * <p>A notice carries no data, so one in a while is enough: a process announces at most once per {@code minGap};
 * a later announcement within that gap is dropped, since the loops woken by the first one look at the queue
 * after it (and the announcing process works its own additions anyway). After a gap in the notices every
 * process's loops are woken too, for what may have been missed.
 */
public final class ClusterWakeup {

    private final ClusterNotices notices;
    private final String topic;
    private final long minGapNanos;
    private final AtomicLong lastAnnounced = new AtomicLong(System.nanoTime() - Long.MAX_VALUE / 2);

    public ClusterWakeup(ClusterNotices notices, String topic, Duration minGap) {
        this.notices = notices;
        this.topic = topic;
        this.minGapNanos = minGap.toNanos();
    }

    /** In the transaction that adds work (or at once, outside one): wakes every process's loops once it commits. */
    public void announce() {
        long now = System.nanoTime();
        long last = lastAnnounced.get();
        if (now - last >= minGapNanos && lastAnnounced.compareAndSet(last, now)) {
            notices.publish(topic, "");
        }
    }

    /** {@code wake} runs on every announcement from any process, and after a gap in the notices. */
    public void onAnnouncement(Runnable wake) {
        notices.subscribe(topic, NoticeListener.of(payload -> wake.run(), wake));
    }
}
