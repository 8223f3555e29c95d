package org.openchakra.webhook;

import java.time.Duration;
import org.openchakra.cluster.ClusterNotices;
import org.openchakra.cluster.ClusterWakeup;
import org.openchakra.common.LoopWakeup;
import org.springframework.stereotype.Component;

/**
 * Where the delivery loops sleep when there is nothing to send ({@link LoopWakeup}): new events wake this
 * process's loops once committed and every other process's through a cluster notice sent with them; answers
 * and failures wake them to claim again; a retry wakes them when it falls due.
 */
@Component
class DeliveryWakeup {

    /** Delivery loops of one process that one wake-up can rouse, at most. */
    private static final int LOOPS = 8;
    /** A process announces new events to the others at most this often. */
    private static final Duration ANNOUNCE_GAP = Duration.ofMillis(100);

    private final LoopWakeup wakeup = new LoopWakeup(LOOPS);
    private final ClusterWakeup announcements;

    DeliveryWakeup(ClusterNotices notices) {
        this.announcements = new ClusterWakeup(notices, "webhook", ANNOUNCE_GAP);
        announcements.onAnnouncement(wakeup::wake);
    }

    /** In the transaction that writes events: every process's loops look once it commits. */
    void announce() {
        announcements.announce();
    }

    public void wake() {
        wakeup.wake();
    }

    void wakeAfter(Duration delay) {
        wakeup.wakeAfter(delay);
    }

    void await(Duration backstop) throws InterruptedException {
        wakeup.await(backstop);
    }
}
