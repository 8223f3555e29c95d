import java.net.URI;
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

/**
 * A closed-loop HTTP load generator for the benchmarks: N clients, each sending its next request as
 * soon as the previous one is answered, for a fixed time. Prints one line of key=value results.
 *
 * <p>Run as a single-file program: {@code java bench/src/HttpLoad.java --url URL [--token T]
 * [--concurrency 32] [--seconds 10] [--warmup 3] [--method GET] [--body JSON] [--label NAME]}.
 */
public class HttpLoad {

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        String url = opt.get("url");
        int concurrency = Integer.parseInt(opt.getOrDefault("concurrency", "32"));
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "10"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "3"));
        String label = opt.getOrDefault("label", url);

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (opt.containsKey("token")) {
            builder.header("Authorization", "Bearer " + opt.get("token"));
        }
        String method = opt.getOrDefault("method", "GET");
        if (opt.containsKey("body")) {
            builder.header("Content-Type", "application/json");
            builder.method(method, HttpRequest.BodyPublishers.ofString(opt.get("body")));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest request = builder.build();

        run(client, request, concurrency, warmup, null);
        Result result = new Result(seconds * 2_000_000);
        run(client, request, concurrency, seconds, result);
        result.print(label, concurrency, seconds);
        System.exit(0);
    }

    private static void run(HttpClient client, HttpRequest request, int concurrency, int seconds, Result result)
            throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] threads = new Thread[concurrency];
        for (int i = 0; i < concurrency; i++) {
            threads[i] = Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    int status;
                    try {
                        status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    if (result != null) {
                        result.record(status, System.nanoTime() - start);
                    }
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

        void print(String label, int concurrency, int seconds) {
            int n = (int) Math.min(count.get(), micros.length);
            long[] sorted = Arrays.copyOf(micros, n);
            Arrays.sort(sorted);
            StringBuilder codes = new StringBuilder();
            statuses.forEach((k, v) -> codes.append(codes.isEmpty() ? "" : ",").append(k).append(':').append(v.sum()));
            System.out.printf("label=%s concurrency=%d seconds=%d requests=%d rps=%.0f p50_ms=%.2f p90_ms=%.2f"
                            + " p99_ms=%.2f max_ms=%.2f statuses=%s%n",
                    label, concurrency, seconds, count.get(), count.get() / (double) seconds, pct(sorted, 50),
                    pct(sorted, 90), pct(sorted, 99), n == 0 ? 0 : sorted[n - 1] / 1000.0, codes);
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
