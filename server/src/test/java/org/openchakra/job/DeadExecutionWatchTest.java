package org.openchakra.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * db-scheduler's dead-execution check, as {@link DeadExecutionWatch} runs it: db-scheduler schedules it every two
 * heartbeats (here 50 ms, so every 100 ms); the watch runs it only while some execution may be picked.
 */
class DeadExecutionWatchTest {

    private static final Duration HEARTBEAT = Duration.ofMillis(50);

    private final AtomicBoolean picked = new AtomicBoolean();
    private final AtomicInteger checks = new AtomicInteger();

    @Test
    void anIdleServerChecksOnceAtStartThenOnlyWhileAnExecutionIsPicked() throws Exception {
        try (DeadExecutionWatch watch = new DeadExecutionWatch(HEARTBEAT, Duration.ofMinutes(5), picked::get)) {
            schedule(watch);
            // db-scheduler alone would have looked 10 times in this second.
            Thread.sleep(1_000);
            assertThat(checks.get()).as("looks with nothing picked").isEqualTo(1);
            assertThat(watch.armed()).isFalse();

            // A pick is announced: looks at db-scheduler's pace while it stays picked, then stops again.
            picked.set(true);
            watch.arm();
            Thread.sleep(1_000);
            assertThat(checks.get()).as("looks while picked").isBetween(8, 12);
            picked.set(false);
            await().atMost(Duration.ofSeconds(2)).until(() -> !watch.armed());
            int after = checks.get();
            Thread.sleep(500);
            assertThat(checks.get()).isEqualTo(after);
        }
    }

    @Test
    void aPickAnnouncedWhileALookReadsTheTableKeepsTheChecksGoing() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch announced = new CountDownLatch(1);
        // The look's read saw nothing picked, but a pick was announced while it read (committed after it began).
        try (DeadExecutionWatch watch = new DeadExecutionWatch(HEARTBEAT, Duration.ofMinutes(5), () -> {
            if (reading.getCount() > 0) {
                reading.countDown();
                awaitLatch(announced);
            }
            return picked.get();
        })) {
            schedule(watch);
            awaitLatch(reading);
            picked.set(true);
            watch.arm();
            announced.countDown();
            Thread.sleep(500);
            assertThat(watch.armed()).isTrue();
            assertThat(checks.get()).isGreaterThan(3);
        }
    }

    @Test
    void aPickWhoseAnnouncementWasLostIsFoundAtTheBackstop() throws Exception {
        try (DeadExecutionWatch watch = new DeadExecutionWatch(HEARTBEAT, Duration.ofMillis(600), picked::get)) {
            schedule(watch);
            Thread.sleep(300);
            assertThat(checks.get()).isEqualTo(1);
            picked.set(true);
            await().atMost(Duration.ofSeconds(2)).until(watch::armed);
            await().atMost(Duration.ofSeconds(2)).until(() -> checks.get() > 3);
        }
    }

    /** As db-scheduler's {@code Scheduler.start} does: the check every two heartbeats, the heartbeat pass every one. */
    private void schedule(DeadExecutionWatch watch) {
        watch.housekeeper()
                .scheduleWithFixedDelay(checks::incrementAndGet, 0, HEARTBEAT.toMillis() * 2, TimeUnit.MILLISECONDS);
        watch.housekeeper().scheduleWithFixedDelay(() -> {}, 0, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
