package org.openchakra.common;

import java.time.Duration;

/**
 * The one platform daemon thread of a long-lived loop (a Spring {@code SmartLifecycle}'s work): the loop runs
 * while {@link #isCurrent()}, so that {@link #stop} ends it by replacing it, however it is woken.
 */
public final class BackgroundThread {

    private final String name;
    private volatile Thread thread;

    public BackgroundThread(String name) {
        this.name = name;
    }

    /** Starts {@code loop}; assigned before it starts, so the loop sees itself as current from its first line. */
    public void start(Runnable loop) {
        Thread started = Thread.ofPlatform().daemon().name(name).unstarted(loop);
        thread = started;
        started.start();
    }

    /** Ends the loop: no longer current, interrupted, and waited for up to {@code join}. */
    public void stop(Duration join) {
        Thread running = thread;
        thread = null;
        if (running != null) {
            running.interrupt();
            if (!join.isZero()) {
                try {
                    running.join(join.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** True in the loop while it should go on. */
    public boolean isCurrent() {
        return thread == Thread.currentThread();
    }

    public boolean isRunning() {
        return thread != null;
    }
}
