package org.openchakra.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The sleep of the inbound and webhook delivery loops (issue 15, idle): one backstop look per group of loops, not
 * per loop, while wake-ups and due moments still rouse a loop at once.
 */
class LoopWakeupTest {

    private static final Duration BACKSTOP = Duration.ofMillis(300);

    @Test
    void fourIdleLoopsTakeOneBackstopLookPerIntervalBetweenThem() throws Exception {
        LoopWakeup wakeup = new LoopWakeup(4);
        AtomicInteger looks = new AtomicInteger();
        List<Thread> loops = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            loops.add(Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (true) {
                        wakeup.await(BACKSTOP);
                        looks.incrementAndGet();
                    }
                } catch (InterruptedException stopped) {
                    // done
                }
            }));
        }
        // 2.1 s: 7 backstops of 300 ms. Each loop with its own backstop looked 28 times.
        Thread.sleep(2_100);
        loops.forEach(Thread::interrupt);
        for (Thread loop : loops) {
            loop.join();
        }
        assertThat(looks.get()).isBetween(5, 8);
    }

    @Test
    void aWakeUpOrADueMomentStillRousesALoopAtOnce() throws Exception {
        LoopWakeup wakeup = new LoopWakeup(2);
        Duration longBackstop = Duration.ofSeconds(30);

        Thread.ofPlatform().daemon().start(() -> sleepThen(100, wakeup::wake));
        assertThat(timeOf(() -> wakeup.await(longBackstop))).isBetween(80L, 2_000L);

        // A due moment rouses a sleeping loop to work out its wait again, then at the moment.
        assertThat(timeOf(() -> {
                    wakeup.wakeAfter(Duration.ofMillis(200));
                    wakeup.await(longBackstop);
                    wakeup.await(longBackstop);
                }))
                .isBetween(180L, 2_000L);

        // A wake-up while no loop sleeps is kept for the next await.
        wakeup.wake();
        assertThat(timeOf(() -> wakeup.await(longBackstop))).isLessThan(100L);
    }

    @Test
    void aLoopThatWasBusyAtTheBackstopLooksWhenItComesBack() throws Exception {
        LoopWakeup wakeup = new LoopWakeup(1);
        Thread.sleep(BACKSTOP.toMillis() + 50); // the only loop was busy when the backstop fell due
        assertThat(timeOf(() -> wakeup.await(BACKSTOP))).isLessThan(100L);
        // The next one a full interval later.
        assertThat(timeOf(() -> wakeup.await(BACKSTOP))).isBetween(250L, 2_000L);
    }

    private interface Sleep {
        void run() throws InterruptedException;
    }

    private static long timeOf(Sleep sleep) throws InterruptedException {
        long start = System.nanoTime();
        sleep.run();
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    private static void sleepThen(long millis, Runnable then) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            return;
        }
        then.run();
    }
}
