package org.openchakra.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The two halves of a batched writer, where callers queue work and wait while a writer thread commits
 * whatever has gathered in one transaction: batches grow with the load by themselves, and a lone item is
 * written at once.
 */
public final class GroupCommit {

    private GroupCommit() {}

    /** The writer's side: waits for one item, then takes whatever else is queued, up to {@code max} in all. */
    public static <T> List<T> nextBatch(BlockingQueue<T> queue, int max) throws InterruptedException {
        List<T> batch = new ArrayList<>();
        batch.add(queue.take());
        queue.drainTo(batch, max - 1);
        return batch;
    }

    /** The writer's loop: hands every batch to {@code write}, until the writer thread is interrupted. */
    public static <T> void writeLoop(BlockingQueue<T> queue, int max, Consumer<List<T>> write) {
        while (true) {
            List<T> batch;
            try {
                batch = nextBatch(queue, max);
            } catch (InterruptedException stopping) {
                return;
            }
            write.accept(batch);
        }
    }

    /** The caller's side: waits for its own item's outcome, and throws what the writer failed with. */
    public static <T> T await(CompletableFuture<T> outcome) {
        try {
            return outcome.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
