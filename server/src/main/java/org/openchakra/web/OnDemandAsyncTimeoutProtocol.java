package org.openchakra.web;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.coyote.Processor;
import org.apache.coyote.http11.Http11NioProtocol;

/**
 * Tomcat's NIO connector, whose async-timeout check runs only while a request is in async mode (a live-updates
 * stream, a deferred answer). Tomcat checks every second whatever waits, so an idle server woke every second for
 * an empty set; here the check is armed by the first waiting request and stops itself once none waits. Timeouts
 * fire as before: the same check, each second, over the same requests.
 */
public class OnDemandAsyncTimeoutProtocol extends Http11NioProtocol {

    private final Set<Processor> waiting = ConcurrentHashMap.newKeySet();
    /** The running check; guarded by this. */
    private ScheduledFuture<?> check;

    /** Tomcat calls this at start and every minute after to start its own check: here the first request does. */
    @Override
    protected void startAsyncTimeout() {}

    @Override
    public void addWaitingProcessor(Processor processor) {
        super.addWaitingProcessor(processor);
        waiting.add(processor);
        arm();
    }

    @Override
    public void removeWaitingProcessor(Processor processor) {
        super.removeWaitingProcessor(processor);
        waiting.remove(processor);
    }

    /** Whether the check runs now: only while a request waits, and up to a second after. */
    synchronized boolean checking() {
        return check != null;
    }

    private synchronized void arm() {
        if (check == null && getUtilityExecutor() != null) {
            check = getUtilityExecutor().scheduleAtFixedRate(this::timeOutWaiting, 1, 1, TimeUnit.SECONDS);
        }
    }

    private void timeOutWaiting() {
        long now = System.currentTimeMillis();
        for (Processor processor : waiting) {
            processor.timeoutAsync(now);
        }
        synchronized (this) {
            // A request that starts waiting after this look arms a new check (arm() waits for this block).
            if (waiting.isEmpty() && check != null) {
                check.cancel(false);
                check = null;
            }
        }
    }

    @Override
    protected void stopAsyncTimeout() {
        synchronized (this) {
            if (check != null) {
                check.cancel(false);
                check = null;
            }
        }
        super.stopAsyncTimeout();
    }
}
