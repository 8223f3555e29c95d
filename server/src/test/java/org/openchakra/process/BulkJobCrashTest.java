package org.openchakra.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.process.BulkJobServers.SLOW_JOBS;
import static org.openchakra.process.BulkJobServers.count;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchakra.support.Reply;
import org.openchakra.support.ServerProcess;

/**
 * A server killed with SIGKILL in the middle of a 50 000-item bulk create: after the restart the job
 * resumes and completes, every entry SUCCESS exactly once, every process there exactly once.
 */
class BulkJobCrashTest {

    private static final int ITEMS = 50_000;

    @Test
    void aJobResumesAfterSigkillAndDoesEveryEntryExactlyOnce() throws Exception {
        Path dataDir = BulkJobServers.freshDataDir("bulk-crash");
        try (ServerProcess server = new ServerProcess(dataDir, SLOW_JOBS)) {
            server.start();
            String token = BulkJobServers.adminToken(dataDir);
            String jobId = BulkJobServers.startJob(
                    server.api(),
                    token,
                    "POST",
                    "/v1/ext/procedure/lead/process/bulk-create",
                    BulkJobServers.leads(ITEMS, "CRASH"));

            Reply midway = BulkJobServers.awaitJob(
                    server.api(), token, jobId, Duration.ofSeconds(60), r -> count(r, "SUCCESS") >= 2_000);
            server.kill();
            assertThat(count(midway, "SUCCESS")).as("killed mid-way").isLessThan(ITEMS);

            server.start();
            Reply done = BulkJobServers.awaitJob(
                    server.api(), token, jobId, Duration.ofSeconds(90), BulkJobServers::completed);
            assertThat(count(done, "SUCCESS")).isEqualTo(ITEMS);
            assertThat(count(done, "ERROR")).isZero();
            assertThat(count(done, "NOT_STARTED")).isZero();
            try (Connection db = BulkJobServers.database(dataDir)) {
                BulkJobServers.assertEveryEntryDoneOnce(db, jobId, ITEMS);
                assertThat(BulkJobServers.single(
                                db,
                                "SELECT count(*) FROM process p JOIN procedure c ON"
                                        + " c.id = p.procedure_id WHERE c.short_id = 'lead' AND NOT p.is_deleted"))
                        .isEqualTo(ITEMS);
                assertThat(BulkJobServers.single(
                                db, "SELECT count(DISTINCT pk_value) FROM process WHERE pk_value" + " LIKE 'CRASH-%'"))
                        .isEqualTo(ITEMS);
                // Both lives of the server did part of the job: it was cut in the middle, and it resumed.
                Map<String, Long> workers = BulkJobServers.byWorker(db, jobId);
                assertThat(workers).as(workers.toString()).hasSize(2);
                assertThat(workers.values()).allSatisfy(n -> assertThat(n).isPositive());
            }
        }
    }
}
