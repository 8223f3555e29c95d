package org.openchakra.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL that keeps its data under {@code <data dir>/postgres}.
 *
 * <p>One per data directory and JVM: every Spring context of a test run leases the same instance,
 * and it stops when the last lease is returned. A data directory belongs to one process at a time,
 * guarded by an OS file lock that dies with the process, so a PostgreSQL left running by a killed
 * server (pg_ctl daemonizes it) is recognised as an orphan and stopped before we start our own.
 * Every connection needs the superuser's password ({@link EmbeddedPassword}, {@link PgHba}).
 */
final class EmbeddedPostgresServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String SUPERUSER = "postgres";
    private static final Map<Path, Running> RUNNING = new HashMap<>();

    /** Where to connect; {@link #close()} hands the lease back. */
    public interface Lease extends AutoCloseable {
        String jdbcUrl();

        default String user() {
            return SUPERUSER;
        }

        /** The superuser's password, from {@code <data dir>/postgres.password}; null if there is none. */
        String password();

        @Override
        void close();
    }

    private EmbeddedPostgresServer() {}

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
                FileChannel channel = FileChannel.open(
                        dir.resolve("openchakra.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    channel.close();
                    return attachToBusy(dir, attachIfBusy);
                }
                EmbeddedPassword.Password password = EmbeddedPassword.readOrCreate(dir);
                running = new Running(dir, channel, lock, start(dir.resolve("postgres"), password), password.value());
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
            public String password() {
                return leased.password;
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

    private static EmbeddedPostgres start(Path pgData, EmbeddedPassword.Password password) throws IOException {
        stopOrphan(pgData);
        long started = System.nanoTime();
        boolean fresh = !Files.exists(pgData.resolve("postgresql.conf"));
        // A data directory made before passwords (zonky's trust), or whose password file was deleted:
        // start it once trusting local connections, then set the password and require it.
        boolean setPassword = !fresh && (password.created() || !PgHba.requiresPassword(pgData));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                // zonky trades durability for speed: it passes -F (fsync off) to the postmaster, so an OS
                // crash or power loss could lose commits. A later -c wins over -F; a gateway must not
                // lose a message.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "200")
                // A checkpoint every 15 min, not 5 (max_wal_size still forces one under load): each writes the
                // pages dirtied since, one per 100 ms nap, so an idle server's few pages cost a third as many
                // writes, fsyncs and wake-ups; crash recovery replays up to 15 min of WAL (issue 15, idle).
                .setServerConfig("checkpoint_timeout", "15min")
                // No autovacuum_naptime here: AutovacuumPace sets it (ALTER SYSTEM, which a -c would override) to
                // 2 s while the queue tables are worked, a minute when idle.
                .setPGStartupWait(Duration.ofSeconds(60))
                // Our own lease closes it after the connection pool is gone, not a racing JVM hook.
                .setRegisterShutdownHook(false)
                // zonky's own readiness check connects too.
                .setConnectConfig("password", password.value());
        if (fresh) {
            // zonky hands each "locale" entry to initdb as --key=value, after its own -A trust: these
            // win, so the new cluster asks for a password from its very first start.
            builder.setLocaleConfig("auth", PgHba.PASSWORD)
                    .setLocaleConfig(
                            "pwfile", EmbeddedPassword.file(pgData.getParent()).toString());
        }
        if (setPassword) {
            log.warn(
                    "Setting the embedded PostgreSQL's password from {}; it will trust no local connection from now on",
                    EmbeddedPassword.file(pgData.getParent()));
            builder.setDataDirectoryCustomizer(dir -> writeHba(dir.toPath(), PgHba.TRUST));
        }
        EmbeddedPostgres postgres = builder.start();
        if (setPassword) {
            requirePassword(postgres, pgData, password.value());
        }
        log.info(
                "Embedded PostgreSQL started in {} ms on port {}, data in {}",
                (System.nanoTime() - started) / 1_000_000,
                postgres.getPort(),
                pgData);
        return postgres;
    }

    /** The password is sent as a SCRAM verifier computed here, so it never reaches the server's logs. */
    private static void requirePassword(EmbeddedPostgres postgres, Path pgData, String password) throws IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            connection.unwrap(PGConnection.class).alterUserPassword(SUPERUSER, password.toCharArray(), "scram-sha-256");
            PgHba.write(pgData, PgHba.PASSWORD);
            try (Statement reload = connection.createStatement()) {
                reload.execute("SELECT pg_reload_conf()");
            }
        } catch (SQLException e) {
            throw new IOException("Could not set the embedded PostgreSQL's password", e);
        }
        awaitPasswordRequired(postgres);
    }

    /** pg_reload_conf() only signals the postmaster: serve nothing until it really refuses no password. */
    @SuppressWarnings("try") // the connection is opened only to see whether it is still accepted
    private static void awaitPasswordRequired(EmbeddedPostgres postgres) throws IOException {
        String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection ignored = DriverManager.getConnection(url, SUPERUSER, null)) {
                Thread.sleep(50);
            } catch (SQLException refused) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while the embedded PostgreSQL reloaded pg_hba.conf", e);
            }
        }
        throw new IOException("The embedded PostgreSQL still accepts connections without a password");
    }

    private static void writeHba(Path pgData, String method) {
        try {
            PgHba.write(pgData, method);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server killed with SIGKILL leaves its daemonized postmaster behind, still holding the data. */
    private static void stopOrphan(Path pgData) throws IOException {
        Optional<ProcessHandle> orphan = postmasterPid(pgData)
                .flatMap(ProcessHandle::of)
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
                                    + " OPENCHAKRA_DATABASE_USER=postgres"
                                    + " OPENCHAKRA_DATABASE_PASSWORD=$(cat " + EmbeddedPassword.file(dir) + ")")
                            .orElse("."));
        }
        String url = "jdbc:postgresql://localhost:" + port.get() + "/postgres";
        // The running server wrote it before it started its database.
        String password = EmbeddedPassword.read(dir).orElse(null);
        return new Lease() {
            @Override
            public String jdbcUrl() {
                return url;
            }

            @Override
            public String password() {
                return password;
            }

            @Override
            public void close() {}
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
        final String password;
        int leases;

        Running(Path dir, FileChannel channel, FileLock lock, EmbeddedPostgres postgres, String password) {
            this.dir = dir;
            this.channel = channel;
            this.lock = lock;
            this.postgres = postgres;
            this.password = password;
        }
    }
}
