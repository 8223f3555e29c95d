package org.openchakra.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.openchakra.support.ApiClient;
import org.openchakra.support.EmbeddedDatabase;
import org.openchakra.support.Reply;
import tools.jackson.databind.JsonNode;

/**
 * What the bulk-job tests on real server processes share: a fresh data directory, a big bulk request,
 * waiting on the job, and SQL on the server's embedded PostgreSQL to check what was written.
 */
final class BulkJobServers {

    /**
     * Small batches and one worker per server: the job lasts long enough to be killed or shared mid-way. The
     * scheduler polls at its default (30 s): slices are announced to every server, and the alarm of a slice that
     * found its server busy rings on every server when it is due again.
     */
    static final Map<String, String> SLOW_JOBS =
            Map.of("OPENCHAKRA_JOBS_BATCH_SIZE", "250", "OPENCHAKRA_JOBS_WORKERS", "1");

    private BulkJobServers() {}

    static Path freshDataDir(String name) throws IOException {
        return Files.createDirectories(Path.of("target", "test-data")).resolve(name + "-" + System.nanoTime());
    }

    static String adminToken(Path dataDir) throws IOException {
        return Files.readString(dataDir.resolve("initial-admin-token")).trim();
    }

    /** A bulk create body of {@code n} flat lead items with primary keys {@code prefix-0 ...}. */
    static String leads(int n, String prefix) {
        StringBuilder body = new StringBuilder(n * 60).append('[');
        for (int i = 0; i < n; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"lead_id\":\"")
                    .append(prefix)
                    .append('-')
                    .append(i)
                    .append("\",\"name\":\"Lead ")
                    .append(i)
                    .append("\"}");
        }
        return body.append(']').toString();
    }

    static String startJob(ApiClient api, String token, String method, String path, String body) {
        Reply accepted = api.send(method, path, token, body, Map.of("Content-Type", "application/json"));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        return accepted.data().path("id").asString();
    }

    static Reply awaitJob(ApiClient api, String token, String jobId, Duration atMost, Predicate<Reply> condition) {
        return await().atMost(atMost)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(
                        () -> api.get("/v1/ext/background-job/" + jobId, token),
                        r -> r.status() == 200 && condition.test(r));
    }

    static long count(Reply job, String status) {
        return job.json()
                .path("_meta")
                .path("bjEntryCompletionStatusVsCount")
                .path(status)
                .asLong();
    }

    static boolean completed(Reply job) {
        JsonNode data = job.data();
        return data.path("completionStatus").asString().equals("COMPLETED");
    }

    static Connection database(Path dataDir) throws IOException, SQLException {
        return EmbeddedDatabase.connect(dataDir);
    }

    static long single(Connection db, String sql) throws SQLException {
        return EmbeddedDatabase.single(db, sql);
    }

    /** Entries of the job done by each server instance (worker name to count). */
    static Map<String, Long> byWorker(Connection db, String jobId) throws SQLException {
        Map<String, Long> workers = new HashMap<>();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT worker, count(*) FROM" + " background_job_entry WHERE job_id = '"
                        + jobId + "' GROUP BY worker")) {
            while (rs.next()) {
                workers.put(rs.getString(1), rs.getLong(2));
            }
        }
        return workers;
    }

    /** Asserts each of the job's {@code n} entries SUCCESS once, each with its own live process of the team. */
    static void assertEveryEntryDoneOnce(Connection db, String jobId, int n) throws SQLException {
        String job = "'" + jobId + "'";
        assertThat(single(
                        db,
                        "SELECT count(*) FROM background_job_entry WHERE job_id = " + job
                                + " AND completion_status = 'SUCCESS'"))
                .isEqualTo(n);
        assertThat(single(db, "SELECT count(DISTINCT process_id) FROM background_job_entry WHERE job_id = " + job))
                .isEqualTo(n);
        assertThat(single(
                        db,
                        "SELECT count(*) FROM background_job_entry e JOIN process p ON p.id = e.process_id"
                                + " AND p.team_id = e.team_id AND NOT p.is_deleted WHERE e.job_id = " + job))
                .isEqualTo(n);
    }
}
