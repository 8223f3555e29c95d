package org.openchakra.common;

import java.time.Duration;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the worker loops of a queue sleep when there is nothing to do: until someone adds work ({@link #wake}),
 * until a moment when work falls due ({@link #wakeAt}, e.g. a retry), or at the latest after a backstop interval.
 * Idle loops so cost nothing, instead of asking the database every few hundred milliseconds.
 *
 * <p>The backstop (a look for work that no wake-up announced: a lost notice, a process that died mid-work) is the
 * group's, not each loop's: any loop's look sees all the group's work, so when it falls due one loop looks and
 * the others sleep on to the next one. Four idle loops so look once per interval, not four times.
 */
public final class LoopWakeup {

    private final int loops;
    private final Semaphore permits = new Semaphore(0);
    /** Moments (System.nanoTime) at which work falls due, earliest first. */
    private final PriorityBlockingQueue<Long> due = new PriorityBlockingQueue<>();
    /** When the group's last backstop look was taken (System.nanoTime); the first falls due a backstop after. */
    private final AtomicLong lastBackstop = new AtomicLong(System.nanoTime());

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
     * Sleeps until {@link #wake}, a moment given to {@link #wakeAfter}, or the group's next backstop look falls to
     * this loop, whichever comes first. A wake-up that came while the loop was busy is not lost: the next call
     * returns at once.
     */
    public void await(Duration backstop) throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            long wait = Long.MAX_VALUE;
            boolean fallenDue = false;
            for (Long next = due.peek(); next != null; next = due.peek()) {
                if (next - now > 0) {
                    wait = next - now;
                    break;
                }
                due.remove(next); // fallen due: this call returns at once for it (one look for all of them)
                fallenDue = true;
            }
            if (fallenDue) {
                return;
            }
            long last = lastBackstop.get();
            long untilBackstop = last + backstop.toNanos() - now;
            if (untilBackstop <= 0) {
                if (lastBackstop.compareAndSet(last, now)) {
                    return; // this loop looks for the group
                }
                continue; // another loop took this one: sleep on to the next
            }
            if (permits.tryAcquire(Math.min(wait, untilBackstop), TimeUnit.NANOSECONDS)) {
                permits.drainPermits();
                return;
            }
        }
    }
}
