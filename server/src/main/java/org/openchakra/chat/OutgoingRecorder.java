package org.openchakra.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.openchakra.common.GroupCommit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records outgoing messages (what {@link ChatMessageRepository#recordOutgoing} does), several at a time when
 * several sends finish together: one statement and one commit for all of them instead of one each. Every
 * caller still returns only once its own message is committed.
 *
 * <p>One writer thread takes whatever is queued, writes it, and takes the next lot, so that batches grow with
 * the load by themselves and a message alone is written at once (through the one-row statement). Callers wait
 * on their own message only: waiting for a lock that each of them had to take in turn made every batch a convoy
 * of wake-ups. If a batch fails, its messages are written one by one, so that one bad message fails only its
 * own send.
 */
@Component
public class OutgoingRecorder implements DisposableBean {

    static final int MAX_BATCH = 200;

    private final ChatMessageRepository messages;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final TransactionTemplate tx;
    private final List<OutgoingMessageListener> listeners;

    public OutgoingRecorder(
            ChatMessageRepository messages, TransactionTemplate tx, List<OutgoingMessageListener> listeners) {
        this.tx = tx;
        this.listeners = List.copyOf(listeners);
        this.messages = messages;
        // A platform thread: on a virtual one, each of its statements queued for a carrier behind every
        // request being served, and under load the loop crawled (PostgreSQL sat idle in transaction).
        this.writer = Thread.ofPlatform()
                .daemon()
                .name("outgoing-recorder")
                .start(() -> GroupCommit.writeLoop(queue, MAX_BATCH, this::writeOrFail));
    }

    private record Pending(OutgoingMessage message, CompletableFuture<ChatMessage> recorded) {}

    public ChatMessage record(OutgoingMessage message) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // Inside the caller's transaction the row must be written on its connection.
            ChatMessage recorded = messages.recordOutgoing(message);
            listeners.forEach(l -> l.recorded(recorded));
            return recorded;
        }
        Pending mine = new Pending(message, new CompletableFuture<>());
        queue.add(mine);
        return GroupCommit.await(mine.recorded());
    }

    private void writeOrFail(List<Pending> batch) {
        try {
            write(batch);
        } catch (RuntimeException | Error e) {
            batch.forEach(p -> p.recorded().completeExceptionally(e));
        }
    }

    private void write(List<Pending> batch) {
        List<Pending> oneByOne = batch;
        if (batch.size() > 1) {
            try {
                // The listeners' writes (customer webhook events) commit with the messages or not at all.
                Map<Integer, ChatMessage> written = tx.execute(status -> {
                    Map<Integer, ChatMessage> rows = insert(batch);
                    rows.values().forEach(m -> listeners.forEach(l -> l.recorded(m)));
                    return rows;
                });
                oneByOne = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    ChatMessage row = written.get(i);
                    if (row != null) {
                        batch.get(i).recorded().complete(row);
                    } else {
                        oneByOne.add(batch.get(i));
                    }
                }
            } catch (RuntimeException batchFailed) {
                // Written one by one below: only the message at fault fails.
            }
        }
        for (Pending p : oneByOne) {
            try {
                p.recorded().complete(tx.execute(status -> {
                    ChatMessage written = messages.recordOutgoing(p.message());
                    listeners.forEach(l -> l.recorded(written));
                    return written;
                }));
            } catch (RuntimeException e) {
                p.recorded().completeExceptionally(e);
            }
        }
    }

    /** Stops the writer; a message still queued (none, after a graceful shutdown) fails its send. */
    @Override
    public void destroy() throws InterruptedException {
        writer.interrupt();
        writer.join(Duration.ofSeconds(10));
        IllegalStateException stopped = new IllegalStateException("The server is shutting down");
        for (Pending p = queue.poll(); p != null; p = queue.poll()) {
            p.recorded().completeExceptionally(stopped);
        }
    }

    private Map<Integer, ChatMessage> insert(List<Pending> batch) {
        return messages.insertAll(batch.stream().map(Pending::message).toList());
    }
}
