package org.openchakra.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openchakra.process.BulkJobServers.count;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.openchakra.support.Reply;
import org.openchakra.support.ServerProcess;

/**
 * A server stopped (SIGTERM) in the middle of a bulk job hands its slice back, and the other server takes it at
 * once, not at its next poll: the slice is announced to every process when it is scheduled again
 * ({@code job/SchedulerAlarm}), and the stopping server's own scheduler no longer looks. Each entry is still done
 * exactly once.
 */
class BulkJobHandOverTest {

    private static final int ITEMS = 50_000;

    /**
     * One slice, so that one server works the job; and a poll far longer than the test, so that only an
     * announcement can start the other server.
     */
    private static final Map<String, String> ONE_SLICE = Map.of(
            "OPENCHAKRA_JOBS_BATCH_SIZE", "250",
            "OPENCHAKRA_JOBS_WORKERS", "1",
            "OPENCHAKRA_JOBS_SLICES_PER_JOB", "1",
            "OPENCHAKRA_JOBS_POLLING_INTERVAL", "10m");

    /** What taking the slice over may take: far below the poll, with room for a loaded test machine. */
    private static final Duration AT_ONCE = Duration.ofSeconds(10);

    @Test
    void aSliceHandedBackByAStoppingServerIsTakenByTheOtherAtOnce() throws Exception {
        Path firstDir = BulkJobServers.freshDataDir("bulk-hand-over");
        try (ServerProcess first = new ServerProcess(firstDir, ONE_SLICE)) {
            first.start();
            Map<String, String> attached = new HashMap<>(ONE_SLICE);
            attached.putAll(first.databaseEnv());
            String token = BulkJobServers.adminToken(firstDir);
            String job;
            try (ServerProcess second =
                    new ServerProcess(BulkJobServers.freshDataDir("bulk-hand-over-second"), attached)) {
                second.start();
                // The first (whose process holds the embedded database) is paused: the second takes the slice.
                first.freeze();
                try {
                    job = BulkJobServers.startJob(
                            second.api(),
                            token,
                            "POST",
                            "/v1/ext/procedure/lead/process/bulk-create",
                            BulkJobServers.leads(ITEMS, "HANDOVER"));
                    BulkJobServers.awaitJob(
                            second.api(), token, job, Duration.ofSeconds(60), r -> count(r, "SUCCESS") >= 1_000);
                } finally {
                    first.thaw();
                }
                second.stop();
            }

            Reply handedBack = first.api().get("/v1/ext/background-job/" + job, token);
            assertThat(count(handedBack, "SUCCESS")).as("stopped mid-way").isLessThan(ITEMS);
            try (Connection db = BulkJobServers.database(firstDir)) {
                // Entries not done yet have no worker.
                await().atMost(AT_ONCE)
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> BulkJobServers.byWorker(db, job).keySet().stream()
                                        .filter(Objects::nonNull)
                                        .count()
                                == 2);
            }
            Reply done = BulkJobServers.awaitJob(
                    first.api(), token, job, Duration.ofSeconds(120), BulkJobServers::completed);
            assertThat(count(done, "SUCCESS")).isEqualTo(ITEMS);
            try (Connection db = BulkJobServers.database(firstDir)) {
                BulkJobServers.assertEveryEntryDoneOnce(db, job, ITEMS);
            }
        }
    }
}
