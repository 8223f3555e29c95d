package org.openchakra.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL that keeps its data under {@code <data dir>/postgres}.
 *
 * <p>One per data directory and JVM: every Spring context of a test run leases the same instance,
 * and it stops when the last lease is returned. A data directory belongs to one process at a time,
 * guarded by an OS file lock that dies with the process, so a PostgreSQL left running by a killed
 * server (pg_ctl daemonizes it) is recognised as an orphan and stopped before we start our own.
 */
public final class EmbeddedPostgresServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String SUPERUSER = "postgres";
    private static final Map<Path, Running> RUNNING = new HashMap<>();

    /** Where to connect; {@link #close()} hands the lease back. */
    public interface Lease extends AutoCloseable {
        String jdbcUrl();

        default String user() {
            return SUPERUSER;
        }

        @Override
        void close();
    }

    private EmbeddedPostgresServer() {
    }

    /**
     * Starts (or shares) the embedded database of {@code dataDir}. With {@code attachIfBusy}, a data
     * directory in use by another OpenChakra process is not an error: its running database is used
     * (for one-shot commands such as {@code admin-token}).
     */
    public static synchronized Lease lease(Path dataDir, boolean attachIfBusy) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Running running = RUNNING.get(dir);
        if (running == null) {
            try {
                Files.createDirectories(dir);
                FileChannel channel = FileChannel.open(dir.resolve("openchakra.lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    channel.close();
                    return attachToBusy(dir, attachIfBusy);
                }
                running = new Running(dir, channel, lock, start(dir.resolve("postgres")));
                RUNNING.put(dir, running);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir, e);
            }
        }
        running.leases++;
        Running leased = running;
        return new Lease() {
            private boolean closed;

            @Override
            public String jdbcUrl() {
                return leased.postgres.getJdbcUrl(SUPERUSER, "postgres");
            }

            @Override
            public void close() {
                synchronized (EmbeddedPostgresServer.class) {
                    if (!closed) {
                        closed = true;
                        release(leased);
                    }
                }
            }
        };
    }

    private static EmbeddedPostgres start(Path pgData) throws IOException {
        stopOrphan(pgData);
        long started = System.nanoTime();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                // zonky trades durability for speed: it passes -F (fsync off) to the postmaster, so an OS
                // crash or power loss could lose commits. A later -c wins over -F; a gateway must not
                // lose a message.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "200")
                .setPGStartupWait(Duration.ofSeconds(60))
                // Our own lease closes it after the connection pool is gone, not a racing JVM hook.
                .setRegisterShutdownHook(false)
                .start();
        log.info("Embedded PostgreSQL started in {} ms on port {}, data in {}",
                (System.nanoTime() - started) / 1_000_000, postgres.getPort(), pgData);
        return postgres;
    }

    /** A server killed with SIGKILL leaves its daemonized postmaster behind, still holding the data. */
    private static void stopOrphan(Path pgData) throws IOException {
        Optional<ProcessHandle> orphan = postmasterPid(pgData).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle process = orphan.get();
        log.warn("Stopping PostgreSQL (pid {}) left running by an earlier OpenChakra process", process.pid());
        process.destroy(); // SIGTERM: PostgreSQL's smart shutdown, clean and crash-safe
        try {
            process.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly(); // PostgreSQL recovers from its WAL on the next start
        }
    }

    private static Optional<Long> postmasterPid(Path pgData) throws IOException {
        return postmasterLine(pgData, 0).map(Long::parseLong);
    }

    private static Optional<String> postmasterLine(Path pgData, int line) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        return lines.size() > line ? Optional.of(lines.get(line).trim()) : Optional.empty();
    }

    private static Lease attachToBusy(Path dir, boolean attachIfBusy) throws IOException {
        // postmaster.pid's fourth line is the port the running server listens on.
        Optional<String> port = postmasterLine(dir.resolve("postgres"), 3);
        if (!attachIfBusy || port.isEmpty()) {
            throw new IllegalStateException("The data directory " + dir + " is in use by another OpenChakra process"
                    + port.map(p -> ". To run a second server on the same database, start it with"
                            + " OPENCHAKRA_DATABASE_URL=jdbc:postgresql://localhost:" + p + "/postgres"
                            + " OPENCHAKRA_DATABASE_USER=postgres").orElse("."));
        }
        String url = "jdbc:postgresql://localhost:" + port.get() + "/postgres";
        return new Lease() {
            @Override
            public String jdbcUrl() {
                return url;
            }

            @Override
            public void close() {
            }
        };
    }

    private static void release(Running running) {
        if (--running.leases > 0) {
            return;
        }
        RUNNING.remove(running.dir);
        try {
            running.postgres.close();
            running.lock.release();
            running.channel.close();
        } catch (IOException e) {
            log.warn("Could not stop the embedded PostgreSQL cleanly", e);
        }
    }

    private static final class Running {
        final Path dir;
        final FileChannel channel;
        final FileLock lock;
        final EmbeddedPostgres postgres;
        int leases;

        Running(Path dir, FileChannel channel, FileLock lock, EmbeddedPostgres postgres) {
            this.dir = dir;
            this.channel = channel;
            this.lock = lock;
            this.postgres = postgres;
        }
    }
}
