package org.openchakra.metasim;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

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

    /** One number's sends, per recipient: how many, and when the first and the last were accepted. */
    private static final class Tally {
        final Map<String, Received> byRecipient = new ConcurrentHashMap<>();

        void add(OutboxEntry entry) {
            byRecipient.computeIfAbsent(entry.waId(), k -> new Received()).add(entry.receivedAt());
        }

        /** Counted over the recipients whose wa_id starts with {@code prefix} ("" for all), when asked. */
        SendTally snapshot(String prefix) {
            long sends = 0;
            long recipients = 0;
            long moreThanOnce = 0;
            Instant first = null;
            Instant last = null;
            for (Map.Entry<String, Received> e : byRecipient.entrySet()) {
                if (!e.getKey().startsWith(prefix)) {
                    continue;
                }
                Received r = e.getValue();
                synchronized (r) {
                    if (r.count == 0) {
                        // Created by computeIfAbsent, its first message not yet counted: not received yet.
                        continue;
                    }
                    sends += r.count;
                    recipients++;
                    moreThanOnce += r.count > 1 ? 1 : 0;
                    first = first == null || r.first.isBefore(first) ? r.first : first;
                    last = last == null || r.last.isAfter(last) ? r.last : last;
                }
            }
            return new SendTally(sends, recipients, moreThanOnce, first, last);
        }
    }

    /** One recipient's messages from one number. */
    private static final class Received {
        int count;
        Instant first;
        Instant last;

        synchronized void add(Instant at) {
            count++;
            first = first == null || at.isBefore(first) ? at : first;
            last = last == null || at.isAfter(last) ? at : last;
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

    SendTally tally(String phoneNumberId, String waIdPrefix) {
        Tally tally = tallies.get(phoneNumberId);
        return tally == null ? new SendTally(0, 0, 0, null, null) : tally.snapshot(waIdPrefix);
    }

    void clear() {
        tallies.clear();
        messages.clear();
        reads.clear();
        size.set(0);
        readCount.set(0);
    }
}
