package org.openchakra.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * OpenChakra as a separate operating-system process on the test classpath, for what only a real
 * process shows: restarts on the same data directory, SIGKILL, and the command-line entry.
 */
public final class ServerProcess implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final Path log;
    private final Map<String, String> extraEnv;
    private final List<String> jvmOptions;
    private Process process;

    public ServerProcess(Path dataDir) throws IOException {
        this(dataDir, Map.of());
    }

    /** {@code extraEnv}: more OPENCHAKRA_* settings, e.g. the database of another instance. */
    public ServerProcess(Path dataDir, Map<String, String> extraEnv) throws IOException {
        this(dataDir, extraEnv, List.of());
    }

    /** {@code jvmOptions}: e.g. a smaller {@code -Xmx} (which then replaces the default of 512m) or GC logging. */
    public ServerProcess(Path dataDir, Map<String, String> extraEnv, List<String> jvmOptions) throws IOException {
        this.dataDir = dataDir;
        this.extraEnv = extraEnv;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.port = freePort();
        this.log = dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
    }

    public ApiClient api() {
        return new ApiClient("http://localhost:" + port);
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * The settings with which another server process works on this one's embedded PostgreSQL (once started);
     * the processes must also share {@code OPENCHAKRA_SECRET_KEY} to read each other's stored secrets.
     */
    public Map<String, String> databaseEnv() throws IOException {
        return Map.of(
                "OPENCHAKRA_DATABASE_URL",
                jdbcUrl(dataDir),
                "OPENCHAKRA_DATABASE_USER",
                "postgres",
                "OPENCHAKRA_DATABASE_PASSWORD",
                Files.readString(dataDir.resolve("postgres.password")).trim());
    }

    /** The embedded PostgreSQL's URL: its port is the fourth line of postmaster.pid. */
    public static String jdbcUrl(Path dataDir) throws IOException {
        String port = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"))
                .get(3)
                .trim();
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    /** The admin token the first start wrote into the data directory. */
    public String adminToken() throws IOException {
        return Files.readString(dataDir.resolve("initial-admin-token")).trim();
    }

    /**
     * SIGKILL of the embedded PostgreSQL: its postmaster and every backend at once, so that nothing is flushed
     * or shut down cleanly (after {@link #kill}, for a crash of the whole machine's software). Answers the pids.
     */
    public List<Long> killDatabase() throws IOException {
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"))
                .get(0)
                .trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(postmaster);
        all.forEach(ProcessHandle::destroyForcibly);
        all.forEach(p -> p.onExit().join());
        return all.stream().map(ProcessHandle::pid).toList();
    }

    /**
     * SIGSTOP: the server stops running, as in a long pause of its machine, until {@link #thaw}; its connections
     * stay open and its database sessions idle. Lets a test decide which of several servers picks up work.
     */
    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT: a {@link #freeze frozen} server runs again. */
    public void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid()))
                .inheritIO()
                .start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** The server's operating-system process id (for jcmd), once started. */
    public long pid() {
        return process.pid();
    }

    /** Starts the server and waits until it answers; answers how long that took. */
    public Duration start() throws IOException, InterruptedException {
        Instant started = Instant.now();
        ProcessBuilder builder = new ProcessBuilder(command(List.of()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        environment(builder.environment());
        process = builder.start();
        Instant deadline = started.plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (api().get("/actuator/health", null).status() == 200) {
                    return Duration.between(started, Instant.now());
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("server did not come up in 120 s; see " + log);
    }

    /** SIGTERM: Spring's graceful shutdown, then the embedded PostgreSQL stops. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("server did not stop in 60 s; see " + log);
        }
    }

    /** SIGKILL: no shutdown hooks run, the embedded PostgreSQL is left behind as an orphan. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Runs a one-shot command ({@code admin-token ...}) against the same data dir; answers exit code and stdout. */
    public CommandResult runCommand(String... args) throws IOException, InterruptedException {
        return runCommand(Map.of(), args);
    }

    /** {@link #runCommand(String...)} with more settings than the server's own ({@code env} wins). */
    public CommandResult runCommand(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command(List.of(args)));
        environment(builder.environment());
        builder.environment().putAll(env);
        builder.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process command = builder.start();
        String out = new String(command.getInputStream().readAllBytes());
        if (!command.waitFor(120, TimeUnit.SECONDS)) {
            command.destroyForcibly();
            throw new IllegalStateException("command did not finish; see " + log);
        }
        return new CommandResult(command.exitValue(), out.trim());
    }

    public record CommandResult(int exitCode, String stdout) {}

    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private List<String> command(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        if (jvmOptions.stream().noneMatch(option -> option.startsWith("-Xmx"))) {
            command.add("-Xmx512m");
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.openchakra.OpenChakraApplication");
        command.addAll(args);
        return command;
    }

    private void environment(Map<String, String> env) {
        env.put("OPENCHAKRA_DATA_DIR", dataDir.toString());
        env.put("OPENCHAKRA_PORT", String.valueOf(port));
        env.remove("OPENCHAKRA_DATABASE_URL");
        env.remove("OPENCHAKRA_OPERATOR_TOKEN");
        env.putAll(extraEnv);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            try {
                stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
