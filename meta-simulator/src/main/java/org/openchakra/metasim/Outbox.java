package org.openchakra.metasim;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/** Accepted sends and read receipts, newest first, bounded so benchmarks do not exhaust memory. */
final class Outbox {

    private static final int CAPACITY = 50_000;
    private final ConcurrentLinkedDeque<OutboxEntry> messages = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<ReadReceipt> reads = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicInteger readCount = new AtomicInteger();

    void add(OutboxEntry entry) {
        messages.addFirst(entry);
        if (size.incrementAndGet() > CAPACITY) {
            messages.pollLast();
            size.decrementAndGet();
        }
    }

    void add(ReadReceipt receipt) {
        reads.addFirst(receipt);
        // Counted separately: ConcurrentLinkedDeque.size() walks the whole deque.
        if (readCount.incrementAndGet() > CAPACITY) {
            reads.pollLast();
            readCount.decrementAndGet();
        }
    }

    List<OutboxEntry> messages() {
        return List.copyOf(messages);
    }

    List<ReadReceipt> reads() {
        return List.copyOf(reads);
    }

    void clear() {
        messages.clear();
        reads.clear();
        size.set(0);
        readCount.set(0);
    }
}
