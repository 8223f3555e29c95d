package org.openchakra.webhook;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
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

    private final WebhookOutbox outbox;
    private final DeliveryWakeup wakeup;
    private final BlockingQueue<WebhookOutbox.Delivered> queue = new LinkedBlockingQueue<>();
    private final Thread writer;

    DeliveredMarks(WebhookOutbox outbox, DeliveryWakeup wakeup) {
        this.outbox = outbox;
        this.wakeup = wakeup;
        // A platform thread, as the delivery loops (see WebhookDeliverer).
        this.writer = Thread.ofPlatform()
                .daemon()
                .name("webhook-delivered-marks")
                .start(() -> GroupCommit.writeLoop(queue, MAX_BATCH, this::write));
    }

    void delivered(WebhookOutbox.Claimed d, int status) {
        queue.add(new WebhookOutbox.Delivered(d.id(), status, new WebhookOutbox.Queue(d.url(), d.orderKey())));
    }

    private void write(List<WebhookOutbox.Delivered> lot) {
        try {
            outbox.delivered(lot);
        } catch (RuntimeException e) {
            log.warn("Marking {} deliveries delivered failed (they will be sent again): {}", lot.size(), e.toString());
        }
        wakeup.wake();
    }

    /** Writes what is queued (nothing is left after a graceful shutdown: the loops have stopped). */
    @Override
    public void destroy() throws InterruptedException {
        writer.interrupt();
        writer.join(Duration.ofSeconds(5));
    }
}
