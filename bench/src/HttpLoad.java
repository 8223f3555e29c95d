import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A load generator for the benchmarks. Closed loop by default: N clients, each sending its next request as
 * soon as the previous one is answered, for a fixed time. With {@code --rate R}, open loop: requests are
 * scheduled R per second and N clients take them in turn; a request's latency counts from its scheduled
 * time, so a server that falls behind shows it (no coordinated omission), and requests still unsent when the
 * time is up are not sent (then {@code rps} stays under R). Prints one line of key=value
 * results; {@code ok_total} counts the 2xx answers of the warm-up and the measurement together, {@code cpu_ms}
 * this process's CPU time over the same span.
 *
 * <p>Run as a single-file program ({@code java bench/src/HttpLoad.java}) or compiled once ({@code http_load} in
 * {@code lib.sh}, which keeps the compile out of every run): {@code --url URL [--token T]
 * [--concurrency 32] [--seconds 10] [--warmup 3] [--rate R] [--method GET] [--body JSON] [--label NAME]}.
 * A {@code {seq}} in the body is replaced by a per-request sequence number modulo {@code --distinct}
 * (default 1000000), e.g. to spread messages over many recipients.
 */
public class HttpLoad {

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--serve")) {
            serve();
        } else {
            load(args);
        }
        System.exit(0);
    }

    /**
     * One JVM for a whole bench run ({@code start_http_load} in {@code lib.sh}): each load's options come on
     * stdin (a line with their count, then each option NUL-terminated), its result line goes to stdout. A JVM
     * per load spent its start and its JIT's work again on every load, inside the rounds it measured, and more
     * per request on the path with fewer requests.
     */
    private static void serve() throws Exception {
        InputStream in = System.in;
        for (String count = line(in); count != null; count = line(in)) {
            String[] args = new String[Integer.parseInt(count.trim())];
            for (int i = 0; i < args.length; i++) {
                args[i] = field(in);
            }
            load(args);
            System.out.flush();
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.UTF_8);
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String field(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != 0; b = in.read()) {
            if (b < 0) {
                throw new EOFException("an option cut short");
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void load(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        int concurrency = Integer.parseInt(opt.getOrDefault("concurrency", "32"));
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "10"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "3"));
        double rate = Double.parseDouble(opt.getOrDefault("rate", "0"));
        String label = opt.getOrDefault("label", opt.get("url"));

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(5)).build();
        Requests requests = new Requests(opt);

        // This process's own CPU from the warm-up's start to the end, so that its JVM start (and its compile, when
        // run from source) stays out of what the bench counts per request.
        long cpuBefore = cpuNanos();
        Result warm = new Result(1); // counts only: warm-up latencies are not reported
        run(client, requests, concurrency, warmup, rate, warm);
        Result result = new Result(seconds * 2_000_000);
        run(client, requests, concurrency, seconds, rate, result);
        long cpuMs = (cpuNanos() - cpuBefore) / 1_000_000;
        client.shutdownNow();
        result.print(label, concurrency, seconds, rate, warm.ok() + result.ok(), cpuMs);
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toNanos();
    }

    /** The request to send, made anew per send when the body has a {@code {seq}}. */
    static final class Requests {
        private final HttpRequest.Builder builder;
        private final String method;
        private final String body;
        private final long distinct;
        private final HttpRequest fixed;
        private final AtomicLong seq = new AtomicLong();

        Requests(Map<String, String> opt) {
            builder = HttpRequest.newBuilder(URI.create(opt.get("url"))).timeout(Duration.ofSeconds(30));
            if (opt.containsKey("token")) {
                builder.header("Authorization", "Bearer " + opt.get("token"));
            }
            method = opt.getOrDefault("method", "GET");
            body = opt.get("body");
            distinct = Long.parseLong(opt.getOrDefault("distinct", "1000000"));
            if (body != null) {
                builder.header("Content-Type", "application/json");
            }
            fixed = body != null && body.contains("{seq}") ? null : with(body);
        }

        HttpRequest next() {
            return fixed != null ? fixed : with(body.replace("{seq}", String.valueOf(seq.getAndIncrement() % distinct)));
        }

        private HttpRequest with(String text) {
            return builder.copy().method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(text)).build();
        }
    }

    private static void run(HttpClient client, Requests requests, int concurrency, int seconds, double rate,
            Result result) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        AtomicLong tickets = new AtomicLong();
        Thread[] threads = new Thread[concurrency];
        for (int i = 0; i < concurrency; i++) {
            threads[i] = Thread.ofVirtual().start(() -> {
                while (true) {
                    long scheduled = System.nanoTime();
                    if (rate > 0) {
                        scheduled = start + (long) (tickets.getAndIncrement() * 1_000_000_000L / rate);
                        long wait = scheduled - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                    }
                    if (scheduled >= end || System.nanoTime() >= end) {
                        return;
                    }
                    int status;
                    try {
                        status = client.send(requests.next(), HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    result.record(status, System.nanoTime() - scheduled);
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    /** Latencies in microseconds, kept whole so that percentiles are exact. */
    static final class Result {
        final long[] micros;
        final AtomicLong count = new AtomicLong();
        final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

        Result(int capacity) {
            micros = new long[capacity];
        }

        void record(int status, long nanos) {
            long i = count.getAndIncrement();
            if (i < micros.length) {
                micros[(int) i] = nanos / 1000;
            }
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        }

        long ok() {
            return statuses.entrySet().stream().filter(e -> e.getKey() >= 200 && e.getKey() < 300)
                    .mapToLong(e -> e.getValue().sum()).sum();
        }

        void print(String label, int concurrency, int seconds, double rate, long okTotal, long cpuMs) {
            int n = (int) Math.min(count.get(), micros.length);
            long[] sorted = Arrays.copyOf(micros, n);
            Arrays.sort(sorted);
            StringBuilder codes = new StringBuilder();
            statuses.forEach((k, v) -> codes.append(codes.isEmpty() ? "" : ",").append(k).append(':').append(v.sum()));
            System.out.printf("label=%s concurrency=%d%s seconds=%d requests=%d rps=%.0f p50_ms=%.2f p90_ms=%.2f"
                            + " p99_ms=%.2f max_ms=%.2f statuses=%s ok_total=%d cpu_ms=%d%n",
                    label, concurrency, rate > 0 ? String.format(" rate=%.0f", rate) : "", seconds, count.get(),
                    count.get() / (double) seconds, pct(sorted, 50), pct(sorted, 90), pct(sorted, 99),
                    n == 0 ? 0 : sorted[n - 1] / 1000.0, codes, okTotal, cpuMs);
        }

        static double pct(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1000.0;
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (!opt.containsKey("url")) {
            throw new IllegalArgumentException("--url is required");
        }
        return opt;
    }
}
