package org.openchakra.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.process.BulkJobServers.SLOW_JOBS;
import static org.openchakra.process.BulkJobServers.count;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchakra.support.Reply;
import org.openchakra.support.ServerProcess;
import org.openchakra.support.TableWriteGate;

/**
 * Two server processes on one embedded database work one 50 000-item job together: both do part of
 * it, and no entry is done twice. Then both work a bulk update of 20 000 of those processes. Each job's
 * first writes are held back until both servers have claimed a batch ({@link TableWriteGate}):
 * otherwise the server that takes the request, which starts at once, may finish a short job before the
 * other's next poll, and "both did part of it" would depend on timing.
 */
class BulkJobSharedTest {

    /** The statements with which a bulk job's batch writes its processes. */
    private static final String BULK_WRITES = "%process%jsonb_to_recordset%";

    private static final int ITEMS = 50_000;
    private static final int UPDATES = 20_000;

    @Test
    void twoServersShareOneJobWithoutDoingAnEntryTwice() throws Exception {
        Path firstDir = BulkJobServers.freshDataDir("bulk-shared");
        try (ServerProcess first = new ServerProcess(firstDir, SLOW_JOBS)) {
            first.start();
            Map<String, String> attached = new HashMap<>(SLOW_JOBS);
            attached.putAll(first.databaseEnv());
            try (ServerProcess second =
                    new ServerProcess(BulkJobServers.freshDataDir("bulk-shared-second"), attached)) {
                second.start();
                String token = BulkJobServers.adminToken(firstDir);
                String created;
                try (TableWriteGate gate = new TableWriteGate(firstDir, "process", BULK_WRITES)) {
                    created = BulkJobServers.startJob(
                            first.api(),
                            token,
                            "POST",
                            "/v1/ext/procedure/lead/process/bulk-create",
                            BulkJobServers.leads(ITEMS, "SHARED"));
                    gate.awaitWriters(2, Duration.ofSeconds(60));
                }
                Reply done = BulkJobServers.awaitJob(
                        second.api(), token, created, Duration.ofSeconds(90), BulkJobServers::completed);
                assertThat(count(done, "SUCCESS")).isEqualTo(ITEMS);

                StringBuilder update = new StringBuilder("{\"processes\":[");
                for (int i = 0; i < UPDATES; i++) {
                    update.append(i == 0 ? "" : ",")
                            .append("{\"lead_id\":\"SHARED-")
                            .append(i)
                            .append("\",\"state\":\"IN_PROGRESS\"}");
                }
                String updated;
                try (TableWriteGate gate = new TableWriteGate(firstDir, "process", BULK_WRITES)) {
                    updated = BulkJobServers.startJob(
                            second.api(),
                            token,
                            "PATCH",
                            "/v1/ext/procedure/lead/process",
                            update.append("]}").toString());
                    gate.awaitWriters(2, Duration.ofSeconds(60));
                }
                assertThat(count(
                                BulkJobServers.awaitJob(
                                        first.api(), token, updated, Duration.ofSeconds(90), BulkJobServers::completed),
                                "SUCCESS"))
                        .isEqualTo(UPDATES);

                try (Connection db = BulkJobServers.database(firstDir)) {
                    BulkJobServers.assertEveryEntryDoneOnce(db, created, ITEMS);
                    BulkJobServers.assertEveryEntryDoneOnce(db, updated, UPDATES);
                    assertThat(BulkJobServers.single(
                                    db,
                                    "SELECT count(*) FROM process WHERE pk_value LIKE 'SHARED-%'"
                                            + " AND state = 'IN_PROGRESS' AND NOT is_deleted"))
                            .isEqualTo(UPDATES);
                    for (String job : new String[] {created, updated}) {
                        Map<String, Long> workers = BulkJobServers.byWorker(db, job);
                        assertThat(workers).as(job + ": " + workers).hasSize(2);
                        assertThat(workers.values())
                                .allSatisfy(n -> assertThat(n).isPositive());
                    }
                }
            }
        }
    }
}
