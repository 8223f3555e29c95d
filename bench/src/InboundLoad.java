import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The inbound benchmark's two ends: an open-loop sender of signed Meta notifications at a fixed rate
 * (one inbound message to three statuses, as Meta's sizing guidance has it) and the customer's webhook
 * receiver, which times each Chakra event from the moment its notification was due to be sent.
 *
 * <p>Outgoing messages {@code <out-prefix>0 .. <out-prefix>N} must exist (PENDING) before the run, N at least
 * rate * seconds / 4: each gets its 'sent', 'delivered' and 'read', half a second apart.
 *
 * <p>{@code java bench/src/InboundLoad.java --url BASE --app-secret S --waba W --pnid P --receiver-port N
 * --rate 4000 --seconds 10 --out-prefix wamid.bench-out- --out-count 10000 --run R}. The receiver keeps
 * listening for {@code --drain} seconds after the last send. Prints one key=value line.
 */
public class InboundLoad {

    private static final Pattern EVENT_ID = Pattern.compile("\"(?:messageId|externalId)\"\\s*:\\s*\"(wamid\\.[^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"deliveryStatus\"\\s*:\\s*\"([A-Z]+)\"");

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        String url = opt.get("url") + "/webhooks/meta";
        String secret = opt.get("app-secret");
        String waba = opt.get("waba");
        String pnid = opt.get("pnid");
        int rate = Integer.parseInt(opt.getOrDefault("rate", "1000"));
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "10"));
        int drain = Integer.parseInt(opt.getOrDefault("drain", "10"));
        String outPrefix = opt.getOrDefault("out-prefix", "wamid.bench-out-");
        int outCount = Integer.parseInt(opt.getOrDefault("out-count", "10000"));
        String run = opt.getOrDefault("run", "r");
        // Meta delivers with bounded concurrency per app; so does this sender (a slow server lowers the
        // achieved rate instead of piling up unbounded requests).
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(
                Integer.parseInt(opt.getOrDefault("max-in-flight", "256")));
        int warmupSeconds = Integer.parseInt(opt.getOrDefault("warmup", "5"));

        Map<String, Long> dueAt = new ConcurrentHashMap<>();
        long[] deliveryMicros = new long[rate * seconds * 2];
        AtomicInteger delivered = new AtomicInteger();
        LongAdder duplicates = new LongAdder();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1",
                Integer.parseInt(opt.get("receiver-port"))), 1024);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/", exchange -> {
            long now = System.nanoTime();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String text = new String(body, StandardCharsets.UTF_8);
            Matcher id = EVENT_ID.matcher(text);
            Matcher status = STATUS.matcher(text);
            if (id.find()) {
                String key = id.group(1) + (text.contains("\"event\":\"status\"") && status.find() ? "/" + status.group(1) : "");
                Long due = dueAt.remove(key);
                if (key.startsWith("wamid.warm-")) {
                    // warm-up traffic, not measured
                } else if (due == null) {
                    duplicates.increment();
                } else {
                    int i = delivered.getAndIncrement();
                    if (i < deliveryMicros.length) {
                        deliveryMicros[i] = (now - due) / 1000;
                    }
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(5)).build();
        warmUp(client, url, secret, waba, pnid, run, Math.max(100, rate / 4), warmupSeconds, inFlight);
        int total = rate * seconds;
        long[] answerMicros = new long[total];
        Map<Integer, LongAdder> codes = new ConcurrentHashMap<>();
        AtomicLong answered = new AtomicLong();
        long start = System.nanoTime() + 200_000_000L;
        long intervalNanos = 1_000_000_000L / rate;
        String[] statuses = {"sent", "delivered", "read"};
        int gap = Math.max(1, rate / 8);
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            // Group g: one inbound message, then 'sent' for outgoing message g, 'delivered' for g - gap and
            // 'read' for g - 2 gap: each message's statuses come half a second apart, in order, as Meta's do.
            int group = i / 4;
            int kind = i % 4;
            int message = group - (kind - 1) * gap;
            String value;
            String key;
            if (kind == 0 || message < 0) {
                String wamid = "wamid.bench-in-" + run + "-" + i;
                String from = "9190" + String.format("%08d", group % 2000);
                value = "\"contacts\":[{\"profile\":{\"name\":\"Customer " + from + "\"},\"wa_id\":\"" + from + "\"}],"
                        + "\"messages\":[{\"from\":\"" + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\""
                        + (System.currentTimeMillis() / 1000) + "\",\"type\":\"text\",\"text\":{\"body\":\"Hello "
                        + i + "\"}}]";
                key = wamid;
            } else {
                String status = statuses[kind - 1];
                String wamid = outPrefix + (message % outCount);
                value = "\"statuses\":[{\"id\":\"" + wamid + "\",\"status\":\"" + status + "\",\"timestamp\":\""
                        + (System.currentTimeMillis() / 1000) + "\",\"recipient_id\":\"9180"
                        + String.format("%08d", (message % outCount) % 500) + "\"}]";
                key = wamid + "/" + status.toUpperCase();
            }
            byte[] body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + waba
                    + "\",\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
                    + "\"metadata\":{\"display_phone_number\":\"15550001111\",\"phone_number_id\":\"" + pnid + "\"},"
                    + value + "}}]}]}").getBytes(StandardCharsets.UTF_8);
            dueAt.put(key, due);
            int index = i;
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("X-Hub-Signature-256", "sha256=" + hmac(secret, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            inFlight.acquire();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                inFlight.release();
                answerMicros[index] = (System.nanoTime() - due) / 1000;
                codes.computeIfAbsent(error == null ? response.statusCode() : -1, c -> new LongAdder()).increment();
                answered.incrementAndGet();
            });
        }
        long sendEnd = System.nanoTime();
        long deadline = System.nanoTime() + drain * 1_000_000_000L;
        while ((answered.get() < total || !dueAt.isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        receiver.stop(0);
        double achieved = total / ((sendEnd - start) / 1e9);
        long[] answers = Arrays.copyOf(answerMicros, (int) Math.min(answered.get(), total));
        Arrays.sort(answers);
        int n = Math.min(delivered.get(), deliveryMicros.length);
        long[] deliveries = Arrays.copyOf(deliveryMicros, n);
        Arrays.sort(deliveries);
        StringBuilder codeText = new StringBuilder();
        codes.forEach((k, v) -> codeText.append(codeText.isEmpty() ? "" : ",").append(k).append(':').append(v.sum()));
        System.out.printf("rate=%d sent=%d achieved_rate=%.0f answer_p50_ms=%.1f answer_p99_ms=%.1f answer_max_ms=%.1f"
                        + " events=%d missing=%d duplicates=%d deliver_p50_ms=%.1f deliver_p99_ms=%.1f"
                        + " deliver_max_ms=%.1f statuses=%s%n",
                rate, total, achieved, pct(answers, 50), pct(answers, 99), max(answers), n, dueAt.size(),
                duplicates.sum(), pct(deliveries, 50), pct(deliveries, 99), max(deliveries), codeText);
        System.exit(0);
    }

    /** Inbound text messages at a low rate, not measured: JIT, connection pools and caches warm up first. */
    private static void warmUp(HttpClient client, String url, String secret, String waba, String pnid, String run,
            int rate, int seconds, java.util.concurrent.Semaphore inFlight) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < rate * seconds; i++) {
            long wait = start + i * (1_000_000_000L / rate) - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String from = "9191" + String.format("%08d", i % 500);
            byte[] body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + waba
                    + "\",\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
                    + "\"metadata\":{\"display_phone_number\":\"15550009999\",\"phone_number_id\":\"" + pnid + "\"},"
                    + "\"messages\":[{\"from\":\"" + from + "\",\"id\":\"wamid.warm-" + run + "-" + i
                    + "\",\"timestamp\":\"1750025136\",\"type\":\"text\",\"text\":{\"body\":\"warm\"}}]}}]}]}")
                    .getBytes(StandardCharsets.UTF_8);
            inFlight.acquire();
            client.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("X-Hub-Signature-256", "sha256=" + hmac(secret, body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> inFlight.release());
        }
        Thread.sleep(2000);
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1000.0;
    }

    private static double max(long[] sorted) {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        for (String required : new String[] {"url", "app-secret", "waba", "pnid", "receiver-port"}) {
            if (!opt.containsKey(required)) {
                throw new IllegalArgumentException("--" + required + " is required");
            }
        }
        return opt;
    }
}
