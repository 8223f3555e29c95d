package org.openchakra.metasim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone simulator for benchmarks and manual runs:
 * {@code java -jar openchakra-meta-simulator-*-standalone.jar --port 9999 --waba 102290129340398
 * --phone-number-id 106540352242922 --token EAAB-bench --app-secret s3cret --webhook-url http://...}.
 * Serves the Graph API and the {@code /_sim/} control API until killed. Run with {@code --help} for options.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (o.help) {
            System.out.println(Options.USAGE);
            return;
        }
        SimulatorConfig.Builder config = SimulatorConfig.builder()
                .host(o.host)
                .port(o.port)
                .switches(s -> {
                    s.randomLatency(
                            Duration.ofMillis(o.latencyMs), Duration.ofMillis(Math.max(o.latencyMs, o.latencyMaxMs)));
                    s.enforceWindow(o.enforceWindow)
                            .enforcePairRate(o.enforcePairRate)
                            .enforceThroughput(o.enforceThroughput)
                            .readByRecipients(o.readByRecipients)
                            .webhookBatchSize(o.webhookBatch);
                })
                .webhookConcurrency(o.webhookConcurrency);
        if (o.seed != null) {
            config.seed(o.seed);
        }
        if (o.manualClock) {
            config.clock(new MutableClock(Instant.now()));
        }
        if (o.metaRetries) {
            config.webhookRetrySchedule(SimulatorConfig.META_RETRY_SCHEDULE);
        }
        if (o.statusDelaysMs != null) {
            config.statusDelays(
                    Duration.ofMillis(o.statusDelaysMs[0]),
                    Duration.ofMillis(o.statusDelaysMs[1]),
                    Duration.ofMillis(o.statusDelaysMs[2]));
        }
        MetaSimulator sim = MetaSimulator.start(config.build()).enableControlApi();
        if (o.waba != null) {
            BusinessAccountSpec.Builder business = BusinessAccountSpec.builder(o.waba)
                    .appSecret(o.appSecret)
                    .webhookUrl(o.webhookUrl)
                    .verifyToken(o.verifyToken);
            o.tokens.forEach(business::accessToken);
            for (int i = 0; i < o.phoneNumberIds.size(); i++) {
                String display =
                        i < o.displayNumbers.size() ? o.displayNumbers.get(i) : "1555000" + String.format("%04d", i);
                business.phoneNumber(PhoneNumberSpec.of(o.phoneNumberIds.get(i), display)
                        .withThroughputMps(o.mps)
                        .withMessagingLimitTier("TIER_UNLIMITED"));
            }
            sim.registerBusiness(business.build());
            if (o.sandboxTemplates) {
                sim.seedSandboxTemplates(o.waba);
            }
        }
        System.out.println(
                "Meta simulator listening on " + sim.baseUrl() + " (control API: " + sim.baseUrl() + "/_sim/)");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stop.countDown();
        }));
        stop.await();
    }

    /** Command-line options; every flag has a default so {@code java -jar ...} alone starts an empty simulator. */
    static final class Options {
        static final String USAGE = """
        usage: java -jar openchakra-meta-simulator-standalone.jar [options]
          --host H                 bind address (default 127.0.0.1)
          --port N                 port (default 9999; 0 = random)
          --latency-ms N           fixed latency before each Graph answer (default 0)
          --latency-max-ms N       with --latency-ms: random latency in [latency-ms, latency-max-ms]
          --waba ID                register this WABA at start
          --phone-number-id ID     a number of that WABA (repeatable)
          --display-phone-number N display number for the phone-number id at the same position (repeatable)
          --token T                access token allowed for the WABA (repeatable)
          --app-secret S           app secret for webhook signatures (default sandbox-app-secret)
          --webhook-url URL        callback URL for webhooks
          --verify-token T         verify token for the GET handshake (default sandbox-verify-token)
          --mps N                  throughput per number, messages/s (default 80)
          --no-window              do not enforce the 24-hour window (131047)
          --no-pair-limit          do not enforce the pair rate limit (131056)
          --no-throughput-limit    do not enforce per-number throughput (130429)
          --no-read                users never read (no 'read' statuses)
          --no-sandbox-templates   do not seed hello_world and the other sandbox templates
          --status-delays A,B,C    ms before sent, delivered, read webhooks (default 5,20,40)
          --meta-retries           Meta's real 7-day webhook retry schedule instead of the compressed one
          --manual-clock           a clock that moves only via POST /_sim/clock/advance
          --webhook-concurrency N  webhook POSTs in flight per WABA (default 1 = in order)
          --webhook-batch N        up to N updates per webhook POST (default 1 = no batching)
          --seed N                 seed for ids and random choices (default: random)
          --help                   this text""";

        String host = "127.0.0.1";
        int port = 9999;
        long latencyMs;
        long latencyMaxMs;
        String waba;
        final List<String> phoneNumberIds = new ArrayList<>();
        final List<String> displayNumbers = new ArrayList<>();
        final List<String> tokens = new ArrayList<>();
        String appSecret = "sandbox-app-secret";
        String webhookUrl;
        String verifyToken = "sandbox-verify-token";
        int mps = 80;
        boolean enforceWindow = true;
        boolean enforcePairRate = true;
        boolean enforceThroughput = true;
        boolean readByRecipients = true;
        boolean sandboxTemplates = true;
        long[] statusDelaysMs;
        boolean metaRetries;
        boolean manualClock;
        Long seed;
        int webhookConcurrency = 1;
        int webhookBatch = 1;
        boolean help;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                switch (flag) {
                    case "--help", "-h" -> o.help = true;
                    case "--no-window" -> o.enforceWindow = false;
                    case "--no-pair-limit" -> o.enforcePairRate = false;
                    case "--no-throughput-limit" -> o.enforceThroughput = false;
                    case "--no-read" -> o.readByRecipients = false;
                    case "--no-sandbox-templates" -> o.sandboxTemplates = false;
                    case "--meta-retries" -> o.metaRetries = true;
                    case "--manual-clock" -> o.manualClock = true;
                    default -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("missing value for " + flag);
                        }
                        String v = args[++i];
                        switch (flag) {
                            case "--host" -> o.host = v;
                            case "--port" -> o.port = Integer.parseInt(v);
                            case "--latency-ms" -> o.latencyMs = Long.parseLong(v);
                            case "--latency-max-ms" -> o.latencyMaxMs = Long.parseLong(v);
                            case "--waba" -> o.waba = v;
                            case "--phone-number-id" -> o.phoneNumberIds.add(v);
                            case "--display-phone-number" -> o.displayNumbers.add(v);
                            case "--token" -> o.tokens.add(v);
                            case "--app-secret" -> o.appSecret = v;
                            case "--webhook-url" -> o.webhookUrl = v;
                            case "--verify-token" -> o.verifyToken = v;
                            case "--mps" -> o.mps = Integer.parseInt(v);
                            case "--seed" -> o.seed = Long.parseLong(v);
                            case "--webhook-concurrency" -> o.webhookConcurrency = Integer.parseInt(v);
                            case "--webhook-batch" -> o.webhookBatch = Integer.parseInt(v);
                            case "--status-delays" -> {
                                String[] parts = v.split(",");
                                if (parts.length != 3) {
                                    throw new IllegalArgumentException("--status-delays needs three values");
                                }
                                o.statusDelaysMs = new long[] {
                                    Long.parseLong(parts[0].trim()),
                                    Long.parseLong(parts[1].trim()),
                                    Long.parseLong(parts[2].trim())
                                };
                            }
                            default -> throw new IllegalArgumentException("unknown option " + flag);
                        }
                    }
                }
            }
            return o;
        }
    }
}
