package org.openchakra.inbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.openchakra.common.GroupCommit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores Meta's notifications durably before they are answered, many per commit: at thousands of POSTs a
 * second, one commit (one WAL flush) each would be the receiver's whole cost. Writer threads take whatever
 * POSTs are waiting, insert them in one transaction, and release each POST once that transaction committed;
 * while one writer commits, the next lot gathers for the other, so batches grow with the load by themselves
 * and a lone POST is written at once. A failed batch fails its POSTs (Meta retries what is not answered 200).
 */
@Component
class NotificationWriter implements DisposableBean {

    static final int WRITERS = 2;
    static final int MAX_BATCH = 500;

    private record Pending(NotificationStore.NewNotification notification, CompletableFuture<Void> stored) {}

    private final NotificationStore store;
    private final TransactionTemplate tx;
    private final InboundWorker worker;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();

    NotificationWriter(NotificationStore store, TransactionTemplate tx, InboundWorker worker) {
        this.store = store;
        this.tx = tx;
        this.worker = worker;
        for (int i = 0; i < WRITERS; i++) {
            // A platform thread: on a virtual one, each of its statements queued for a carrier behind every
            // request being served, and under load the loop crawled (PostgreSQL sat idle in transaction).
            writers.add(Thread.ofPlatform()
                    .daemon()
                    .name("notification-writer-" + i)
                    .start(() -> GroupCommit.writeLoop(queue, MAX_BATCH, this::write)));
        }
    }

    /** Returns once the notification is committed; throws if it could not be stored. */
    void store(NotificationStore.NewNotification notification) {
        Pending mine = new Pending(notification, new CompletableFuture<>());
        queue.add(mine);
        GroupCommit.await(mine.stored());
    }

    private void write(List<Pending> batch) {
        try {
            tx.executeWithoutResult(status -> {
                store.insertAll(batch.stream().map(Pending::notification).toList());
                worker.announce();
            });
            batch.forEach(p -> p.stored().complete(null));
            worker.wake();
        } catch (RuntimeException | Error e) {
            batch.forEach(p -> p.stored().completeExceptionally(e));
        }
    }

    /** Stops the writers; a POST still queued (none, after a graceful shutdown) is refused, and Meta retries it. */
    @Override
    public void destroy() throws InterruptedException {
        writers.forEach(Thread::interrupt);
        for (Thread writer : writers) {
            writer.join(Duration.ofSeconds(10));
        }
        IllegalStateException stopped = new IllegalStateException("The server is shutting down");
        for (Pending p = queue.poll(); p != null; p = queue.poll()) {
            p.stored().completeExceptionally(stopped);
        }
    }
}
