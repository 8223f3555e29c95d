package org.openchakra.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Holds every write to one table back (a SHARE lock on it, which reads pass) until {@link #awaitWriters} has
 * seen the given number of writers waiting for it, then lets them go. Work shared by server processes
 * (a bulk job's batches writing {@code process}, a campaign's batches writing {@code campaign_attempt}) has
 * claimed its part before it writes, so with one writer per server at a time (e.g.
 * {@code OPENCHAKRA_JOBS_WORKERS=1}), two waiting writers are two servers at work on it: which of them starts
 * or polls first no longer decides whether both get a part.
 */
public final class TableWriteGate implements AutoCloseable {

    private final Connection db;
    private final String table;
    private final String statement;

    /**
     * Closed from the start: open it around the request that starts the work. {@code statement} is a LIKE
     * pattern of the shared work's writes, so that another writer of the table (a status webhook, a sweep)
     * that happens to wait too is not counted.
     */
    public TableWriteGate(Path dataDir, String table, String statement) throws IOException, SQLException {
        this.table = table;
        this.statement = statement;
        db = EmbeddedDatabase.connect(dataDir);
        db.setAutoCommit(false);
        try (Statement s = db.createStatement()) {
            s.execute("LOCK TABLE " + table + " IN SHARE MODE");
        }
    }

    /** Waits until {@code writers} sessions wait for the lock on the table, then releases it. */
    public void awaitWriters(int writers, Duration atMost) throws SQLException {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> waiting() >= writers);
        db.commit();
    }

    private long waiting() throws SQLException {
        // pg_stat_activity is read once per transaction, and the gate's transaction holds the lock
        // throughout: without a fresh snapshot each poll would keep seeing the sessions of the first one.
        try (Statement s = db.createStatement()) {
            s.execute("SELECT pg_stat_clear_snapshot()");
        }
        try (PreparedStatement count = db.prepareStatement("SELECT count(*) FROM pg_locks l"
                + " JOIN pg_class c ON c.oid = l.relation JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE c.relname = ? AND NOT l.granted AND a.query LIKE ?")) {
            count.setString(1, table);
            count.setString(2, statement);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
