package org.openchakra.metasim;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Accepted sends and read receipts, newest first, bounded so benchmarks do not exhaust memory; and, per number,
 * a tally of every accepted send (how many each recipient got), which a benchmark of more sends than the outbox
 * keeps reads to tell duplicates.
 */
final class Outbox {

    private static final int CAPACITY = 50_000;
    private final ConcurrentLinkedDeque<OutboxEntry> messages = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<ReadReceipt> reads = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicInteger readCount = new AtomicInteger();
    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();

    /** One number's sends: per recipient, and the first and last acceptance. */
    private static final class Tally {
        final Map<String, AtomicInteger> byRecipient = new ConcurrentHashMap<>();
        final AtomicLong sends = new AtomicLong();
        final AtomicLong moreThanOnce = new AtomicLong();
        final AtomicReference<Instant> first = new AtomicReference<>();
        final AtomicReference<Instant> last = new AtomicReference<>();

        void add(OutboxEntry entry) {
            sends.incrementAndGet();
            int n = byRecipient
                    .computeIfAbsent(entry.waId(), k -> new AtomicInteger())
                    .incrementAndGet();
            if (n == 2) {
                moreThanOnce.incrementAndGet();
            }
            Instant at = entry.receivedAt();
            first.accumulateAndGet(at, (a, b) -> a == null || b.isBefore(a) ? b : a);
            last.accumulateAndGet(at, (a, b) -> a == null || b.isAfter(a) ? b : a);
        }

        SendTally snapshot() {
            return new SendTally(sends.get(), byRecipient.size(), moreThanOnce.get(), first.get(), last.get());
        }
    }

    void add(OutboxEntry entry) {
        tallies.computeIfAbsent(entry.phoneNumberId(), k -> new Tally()).add(entry);
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

    SendTally tally(String phoneNumberId) {
        Tally tally = tallies.get(phoneNumberId);
        return tally == null ? new SendTally(0, 0, 0, null, null) : tally.snapshot();
    }

    void clear() {
        tallies.clear();
        messages.clear();
        reads.clear();
        size.set(0);
        readCount.set(0);
    }
}
