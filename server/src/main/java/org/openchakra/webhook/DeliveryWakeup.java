package org.openchakra.webhook;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** Tells this process's delivery loops that new events were committed, so they need not wait for a poll. */
@Component
class DeliveryWakeup {

    private final Semaphore permits = new Semaphore(0);

    public void wake() {
        if (permits.availablePermits() < 8) {
            permits.release();
        }
    }

    void await(Duration atMost) throws InterruptedException {
        if (permits.tryAcquire(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            permits.drainPermits();
        }
    }
}
