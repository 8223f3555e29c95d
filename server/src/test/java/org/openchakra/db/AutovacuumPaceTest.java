package org.openchakra.db;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openchakra.support.EmbeddedDatabase;
import org.openchakra.support.ServerProcess;

/**
 * The embedded PostgreSQL's autovacuum looks for work once a minute on an idle server (each look starts a worker
 * process) and every 2 s as soon as queue work is announced (the queue tables want vacuuming every few thousand
 * changes).
 */
class AutovacuumPaceTest {

    @Test
    void autovacuumLooksOftenOnlyWhileTheQueuesAreWorked() throws Exception {
        Path dataDir =
                Files.createDirectories(Path.of("target", "test-data")).resolve("autovacuum-pace-" + System.nanoTime());
        try (ServerProcess server = new ServerProcess(dataDir)) {
            server.start();
            try (Connection db = EmbeddedDatabase.connect(server.dataDir())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> naptime(db).equals("1min"));
                // What InboundWorker announces when a Meta notification is stored.
                try (Statement s = db.createStatement()) {
                    s.execute("NOTIFY openchakra_notices, 'inbound '");
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> naptime(db).equals("2s"));
            }
        }
    }

    /**
     * A bulk job's new rows want their first analyze before the job that follows works them: a bulk update of 100 000
     * just created processes ran 7x slower planned on the empty table's statistics (bench/README.md).
     */
    @Test
    void autovacuumLooksOftenWhileDurableJobsAreScheduled() throws Exception {
        Path dataDir = Files.createDirectories(Path.of("target", "test-data"))
                .resolve("autovacuum-pace-jobs-" + System.nanoTime());
        try (ServerProcess server = new ServerProcess(dataDir)) {
            server.start();
            try (Connection db = EmbeddedDatabase.connect(server.dataDir())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> naptime(db).equals("1min"));
                // What SchedulerAlarm announces when a bulk job's slices (or any execution) are scheduled.
                try (Statement s = db.createStatement()) {
                    s.execute("NOTIFY openchakra_notices, 'job.alarm " + System.currentTimeMillis() + "'");
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> naptime(db).equals("2s"));
            }
        }
    }

    private static String naptime(Connection db) throws SQLException {
        return EmbeddedDatabase.strings(db, "SHOW autovacuum_naptime")
                .iterator()
                .next();
    }
}
