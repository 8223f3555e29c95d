package org.openchakra.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openchakra.common.GroupCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Marks answered deliveries DELIVERED, many per statement, as their answers come in: a chat's next event can
 * be claimed only once its previous one is marked, so marks must not wait for a whole batch of sends, nor
 * cost a commit each. Once a lot is written, the delivery loops are woken. A lot that cannot be written is
 * dropped with a warning: its deliveries' leases run out and they are sent again, with the same event ids.
 */
@Component
class DeliveredMarks implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeliveredMarks.class);
    private static final int MAX_BATCH = 500;
    private static final Duration RETRY_HELD = Duration.ofMillis(5);

    private final WebhookOutbox outbox;
    private final DeliveryWakeup wakeup;
    private final BlockingQueue<WebhookOutbox.Delivered> queue = new LinkedBlockingQueue<>();
    private final Thread writer;

    DeliveredMarks(WebhookOutbox outbox, DeliveryWakeup wakeup) {
        this.outbox = outbox;
        this.wakeup = wakeup;
        // A platform thread, as the delivery loops (see WebhookDeliverer).
        this.writer =
                Thread.ofPlatform().daemon().name("webhook-delivered-marks").start(this::writeLoop);
    }

    void delivered(WebhookOutbox.Claimed d, int status) {
        queue.add(new WebhookOutbox.Delivered(d.id(), status, new WebhookOutbox.Queue(d.url(), d.orderKey())));
    }

    /**
     * Writes lots as marks come ({@link GroupCommit}); queues whose rows another transaction held are put right with
     * the next lot, or after {@link #RETRY_HELD} when no mark comes meanwhile.
     */
    private void writeLoop() {
        Set<WebhookOutbox.Queue> held = Set.of();
        while (true) {
            List<WebhookOutbox.Delivered> lot = new ArrayList<>();
            try {
                WebhookOutbox.Delivered first =
                        held.isEmpty() ? queue.take() : queue.poll(RETRY_HELD.toNanos(), TimeUnit.NANOSECONDS);
                if (first != null) {
                    lot.add(first);
                    queue.drainTo(lot, MAX_BATCH - 1);
                }
            } catch (InterruptedException stopping) {
                return;
            }
            held = write(lot, held);
        }
    }

    private Set<WebhookOutbox.Queue> write(List<WebhookOutbox.Delivered> lot, Set<WebhookOutbox.Queue> held) {
        try {
            Set<WebhookOutbox.Queue> stillHeld = outbox.delivered(lot, held);
            wakeup.wake();
            return stillHeld;
        } catch (RuntimeException e) {
            log.warn("Marking {} deliveries delivered failed (they will be sent again): {}", lot.size(), e.toString());
            wakeup.wake();
            // Tried again with the next lot: their marks were written before, only their queues' rows wait.
            return held;
        }
    }

    /** Writes what is queued (nothing is left after a graceful shutdown: the loops have stopped). */
    @Override
    public void destroy() throws InterruptedException {
        writer.interrupt();
        writer.join(Duration.ofSeconds(5));
    }
}
