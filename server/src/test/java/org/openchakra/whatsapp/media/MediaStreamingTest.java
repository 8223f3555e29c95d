package org.openchakra.whatsapp.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openchakra.metasim.BusinessAccountSpec;
import org.openchakra.metasim.MetaSimulator;
import org.openchakra.metasim.SimulatorConfig;
import org.openchakra.support.ApiClient;
import org.openchakra.support.CloudPlugins;
import org.openchakra.support.Downloads;
import org.openchakra.support.Reply;
import org.openchakra.support.S3ProxyProcess;
import org.openchakra.support.ServerProcess;

/**
 * The streaming bar (issue 7): a 100 MB document goes through the server (public-media upload and
 * download, and a WhatsApp medium fetched from Meta and shown) while the server's heap is capped at
 * {@link #HEAP_CAP}, below the document's own size: anything that held the document in memory would run
 * out of heap. The heap in use is sampled from the server's Prometheus endpoint throughout and its growth
 * over the idle baseline must stay under 64 MB; the numbers are printed for the record. Once for each blob
 * store (issue 16): the file system, PostgreSQL and S3 (S3Proxy); the Meta fetch, which reaches the store
 * through the same put as the upload, only on the first, to keep the suite short.
 */
class MediaStreamingTest {

    private static final String HEAP_CAP = "-Xmx96m";
    private static final long DOCUMENT_BYTES = 100_000_000;
    private static final long GROWTH_BAR = 64L << 20;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ParameterizedTest(name = "{0} store")
    @ValueSource(strings = {"filesystem", "postgres", "s3"})
    void aHundredMegabyteDocumentStreamsThroughAServerWhoseHeapCannotHoldIt(String store) throws Exception {
        Path dataDir = Files.createDirectories(Path.of("target", "test-data"))
                .resolve("streaming-" + store + "-" + System.nanoTime());
        boolean viaMeta = store.equals("filesystem");
        try (S3ProxyProcess s3 = new S3ProxyProcess(dataDir.resolveSibling(dataDir.getFileName() + "-s3"), "media");
                MetaSimulator meta = MetaSimulator.start(
                        SimulatorConfig.builder().host("127.0.0.1").build())) {
            Map<String, String> env = switch (store) {
                case "s3" -> s3.start().serverEnvironment();
                case "postgres" -> Map.of("OPENCHAKRA_MEDIA_STORE", "postgres");
                default -> Map.of();
            };
            try (ServerProcess server = new ServerProcess(dataDir, env, List.of(HEAP_CAP))) {
                server.start();
                stream(server, dataDir, meta, store, viaMeta);
            }
        }
    }

    private static void stream(ServerProcess server, Path dataDir, MetaSimulator meta, String store, boolean viaMeta)
            throws Exception {
        String token = Files.readString(dataDir.resolve("initial-admin-token")).trim();
        ApiClient api = server.api();
        String sandboxPlugin = api.get("/v1/admin/plugins/whatsapp", token)
                .data()
                .get(0)
                .path("id")
                .asString();
        String metaMediaId = null;
        if (viaMeta) {
            cloudPlugin(api, token, meta);
            metaMediaId = uploadToMeta(meta);
        }

        gc(server);
        HeapSampler heap = new HeapSampler(api);
        long baseline = heap.sampleNow();
        heap.start();

        // Public media: up and down again.
        String url = uploadPublicDocument(api, token, sandboxPlugin);
        assertThat(url).endsWith(".pdf");
        Download publicCopy = download(url, null);
        // A WhatsApp medium that is only at Meta: fetched through the plugin, stored, then shown.
        Download metaCopy =
                viaMeta ? download(api.baseUrl() + "/v1/whatsapp/v23.0/media/" + metaMediaId + "/show", token) : null;
        HttpResponse<byte[]> tail = Downloads.get(url, null, Map.of("Range", "bytes=" + (DOCUMENT_BYTES - 1000) + "-"));

        heap.stop();
        gc(server);
        long afterGc = heap.sampleNow();
        String report = String.format(
                store + " store, heap cap %s: idle baseline %.1f MiB, max in use during the transfers"
                        + " %.1f MiB (growth %.1f MiB over %d samples), after GC %.1f MiB",
                HEAP_CAP,
                mib(baseline),
                mib(heap.max()),
                mib(heap.max() - baseline),
                heap.samples(),
                mib(afterGc));
        System.out.println("[media streaming] " + report);
        Files.writeString(
                Path.of("target", "media-streaming-heap.txt"),
                report + "\n",
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);

        assertThat(publicCopy.status()).isEqualTo(200);
        assertThat(publicCopy.bytes()).isEqualTo(DOCUMENT_BYTES);
        assertThat(publicCopy.sha256()).isEqualTo(Document.SHA256.get());
        if (viaMeta) {
            assertThat(metaCopy.status()).isEqualTo(200);
            assertThat(metaCopy.bytes()).isEqualTo(DOCUMENT_BYTES);
            assertThat(metaCopy.sha256()).isEqualTo(Document.SHA256.get());
        }
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Document.range(DOCUMENT_BYTES - 1000, 1000));
        assertThat(heap.samples()).as("the sampler saw the transfers").isGreaterThan(5);
        assertThat(heap.max() - baseline).as(report).isLessThan(GROWTH_BAR);
        assertThat(server.log()).doesNotContain("OutOfMemoryError");
    }

    // ---------------------------------------------------------------- the document

    /**
     * 100 MB of a PDF header and deterministic filler, made as it is read: the test holds no copy either.
     */
    private static final class Document {
        static final byte[] HEAD = "%PDF-1.4\n%streaming test\n".getBytes(StandardCharsets.US_ASCII);
        static final Supplier<String> SHA256 = new Supplier<>() {
            private String value;

            @Override
            public synchronized String get() {
                if (value == null) {
                    value = sha256(stream());
                }
                return value;
            }
        };

        static byte[] range(long from, int length) {
            try (InputStream in = stream()) {
                in.skipNBytes(from);
                return in.readNBytes(length);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        static InputStream stream() {
            return new InputStream() {
                private long position;

                @Override
                public int read() {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    if (position >= DOCUMENT_BYTES) {
                        return -1;
                    }
                    int n = (int) Math.min(length, DOCUMENT_BYTES - position);
                    for (int i = 0; i < n; i++) {
                        long at = position + i;
                        buffer[offset + i] = at < HEAD.length ? HEAD[(int) at] : (byte) (at * 2654435761L >>> 13);
                    }
                    position += n;
                    return n;
                }
            };
        }
    }

    // ---------------------------------------------------------------- the transfers

    private static String uploadPublicDocument(ApiClient api, String token, String pluginId) throws Exception {
        String boundary = "----streaming-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\n"
                        + "Content-Type: application/pdf\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                api.baseUrl() + "/v1/ext/plugin/whatsapp/" + pluginId + "/upload-public-media"))
                        .timeout(Duration.ofMinutes(5))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(streamed(head, tail))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return ApiClient.JSON
                .readTree(answer.body())
                .path("_data")
                .path("publicMediaUrl")
                .asString();
    }

    /** The business's upload through Meta's Graph API, straight to the simulator (this JVM holds it there). */
    private static String uploadToMeta(MetaSimulator meta) throws Exception {
        String boundary = "----meta-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"messaging_product\"\r\n\r\n"
                        + "whatsapp\r\n--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\""
                        + "\r\nContent-Type: application/pdf\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create(meta.baseUrl() + "/v23.0/" + CloudIds.PNID + "/media"))
                        .timeout(Duration.ofMinutes(5))
                        .header("Authorization", "Bearer " + CloudIds.TOKEN)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(streamed(head, tail))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return ApiClient.JSON.readTree(answer.body()).path("id").asString();
    }

    private static HttpRequest.BodyPublisher streamed(byte[] head, byte[] tail) {
        Supplier<InputStream> body = () -> new SequenceInputStream(java.util.Collections.enumeration(List.of(
                new java.io.ByteArrayInputStream(head), Document.stream(), new java.io.ByteArrayInputStream(tail))));
        return HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(body), head.length + DOCUMENT_BYTES + tail.length);
    }

    private record Download(int status, long bytes, String sha256) {}

    private static Download download(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> answer = HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        CountingDigest digest = new CountingDigest();
        try (InputStream body = answer.body()) {
            digest.consume(body);
        }
        return new Download(answer.statusCode(), digest.count, digest.hex());
    }

    private static final class CountingDigest {
        private final MessageDigest sha = newSha();
        private long count;

        void consume(InputStream in) throws IOException {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
                count += n;
            }
        }

        String hex() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    private static String sha256(InputStream in) {
        CountingDigest digest = new CountingDigest();
        try (in) {
            digest.consume(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return digest.hex();
    }

    private static MessageDigest newSha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- the CLOUD_API plugin on the simulator

    private static final class CloudIds {
        static final String WABA = "5" + System.nanoTime() % 1_000_000_000L;
        static final String PNID = WABA + "1";
        static final String TOKEN = "EAAB-streaming-" + WABA;
    }

    private static String cloudPlugin(ApiClient api, String token, MetaSimulator meta) {
        meta.registerBusiness(BusinessAccountSpec.builder(CloudIds.WABA)
                .accessToken(CloudIds.TOKEN)
                .appSecret("s")
                .phoneNumber(CloudIds.PNID, "+1 555-000-0001")
                .build());
        return CloudPlugins.connect(
                api, token, meta.baseUrl(), CloudIds.TOKEN, "s", CloudIds.WABA, obj("id", CloudIds.PNID));
    }

    // ---------------------------------------------------------------- the heap

    /** A full collection in the server (jcmd from this JDK), so that a baseline is live data, not garbage. */
    private static void gc(ServerProcess server) throws Exception {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        Process jcmd = new ProcessBuilder(java.resolveSibling("jcmd").toString(), Long.toString(server.pid()), "GC.run")
                .redirectErrorStream(true)
                .start();
        jcmd.getInputStream().readAllBytes();
        assertThat(jcmd.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(jcmd.exitValue()).isZero();
    }

    /** Samples {@code jvm_memory_used_bytes{area="heap"}} (summed over the pools) every 50 ms. */
    private static final class HeapSampler {
        private final ApiClient api;
        private final AtomicLong max = new AtomicLong();
        private final AtomicLong samples = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread thread;

        HeapSampler(ApiClient api) {
            this.api = api;
        }

        void start() {
            thread = Thread.ofPlatform().daemon().start(() -> {
                while (running.get()) {
                    long used = sampleNow();
                    max.accumulateAndGet(used, Math::max);
                    samples.incrementAndGet();
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(5000);
        }

        long max() {
            return max.get();
        }

        long samples() {
            return samples.get();
        }

        long sampleNow() {
            Reply metrics = api.get("/actuator/prometheus", null);
            assertThat(metrics.status()).isEqualTo(200);
            return metrics.raw()
                    .lines()
                    .filter(line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
        }
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
