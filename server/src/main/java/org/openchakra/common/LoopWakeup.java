package org.openchakra.common;

import java.time.Duration;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Where the worker loops of a queue sleep when there is nothing to do: until someone adds work ({@link #wake}),
 * until a moment when work falls due ({@link #wakeAt}, e.g. a retry), or at the latest after a backstop interval.
 * Idle loops so cost nothing, instead of asking the database every few hundred milliseconds.
 */
public final class LoopWakeup {

    private final int loops;
    private final Semaphore permits = new Semaphore(0);
    /** Moments (System.nanoTime) at which work falls due, earliest first. */
    private final PriorityBlockingQueue<Long> due = new PriorityBlockingQueue<>();

    /** For {@code loops} loops: one wake-up can rouse each of them. */
    public LoopWakeup(int loops) {
        this.loops = loops;
    }

    /** Work was added: the sleeping loops look now. */
    public void wake() {
        if (permits.availablePermits() < loops) {
            permits.release();
        }
    }

    /** Work falls due after {@code delay}: the loops look then, whatever else happens meanwhile. */
    public void wakeAfter(Duration delay) {
        long at = System.nanoTime() + Math.max(0, delay.toNanos());
        Long earliest = due.peek();
        due.add(at);
        if (earliest == null || at - earliest < 0) {
            wake(); // sleeping loops work out their wait again, with this moment in it
        }
    }

    /**
     * Sleeps until {@link #wake}, a moment given to {@link #wakeAfter}, or {@code backstop}, whichever comes first.
     * A wake-up that came while the loop was busy is not lost: the next call returns at once.
     */
    public void await(Duration backstop) throws InterruptedException {
        long now = System.nanoTime();
        long wait = backstop.toNanos();
        for (Long next = due.peek(); next != null; next = due.peek()) {
            if (next - now > 0) {
                wait = Math.min(wait, next - now);
                break;
            }
            due.remove(next); // fallen due: this call returns at once for it
            wait = 0;
        }
        if (wait > 0 && permits.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
            permits.drainPermits();
        }
    }
}
