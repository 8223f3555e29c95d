package org.openchakra.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Holds every write to {@code process} back (a SHARE lock on the table, which reads pass) until {@link
 * #awaitWriters} has seen the given number of writers waiting for it, then lets them go. A bulk job's
 * writer has claimed its batch of entries before it writes, so with one slice per server at a time
 * ({@code OPENCHAKRA_JOBS_WORKERS=1}), two waiting writers are two servers at work on the job: which of them
 * starts or polls first no longer decides whether both get a part of it.
 */
public final class ProcessWriteGate implements AutoCloseable {

    private final Connection db;

    /** Closed from the start: open it around the request that starts the job. */
    public ProcessWriteGate(Path dataDir) throws IOException, SQLException {
        db = EmbeddedDatabase.connect(dataDir);
        db.setAutoCommit(false);
        try (Statement s = db.createStatement()) {
            s.execute("LOCK TABLE process IN SHARE MODE");
        }
    }

    /** Waits until {@code writers} sessions wait for the lock on {@code process}, then releases it. */
    public void awaitWriters(int writers, Duration atMost) throws SQLException {
        await().atMost(atMost)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> EmbeddedDatabase.single(
                                db,
                                "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
                                        + " WHERE c.relname = 'process' AND NOT l.granted")
                        >= writers);
        db.commit();
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
