package org.openchakra.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for the tests of the S3 blob store: S3Proxy (from Maven Central, copied to
 * {@code target/s3proxy/s3proxy.jar} by the build) as a process of its own, with its file-system backend
 * under a fresh directory, AWS signature V2/V4 authentication, on a free loopback port. Its bucket exists
 * once {@link #start} returns.
 */
public final class S3ProxyProcess implements AutoCloseable {

    public static final String ACCESS_KEY = "openchakra-test";
    public static final String SECRET_KEY = "openchakra-test-secret-0123456789";
    public static final String REGION = "us-east-1";

    private static final Path JAR = Path.of("target", "s3proxy", "s3proxy.jar");

    private final Path dir;
    private final String bucket;
    private final int port;
    private Process process;

    public S3ProxyProcess(Path dir, String bucket) throws IOException {
        this.dir = dir.toAbsolutePath();
        this.bucket = bucket;
        this.port = freePort();
    }

    public S3ProxyProcess start() throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the build's process-test-resources phase copies it");
        }
        Path data = Files.createDirectories(dir.resolve("data"));
        Path conf = dir.resolve("s3proxy.conf");
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "s3proxy.endpoint=" + endpoint(),
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + ACCESS_KEY,
                        "s3proxy.credential=" + SECRET_KEY,
                        "jclouds.provider=filesystem-nio2",
                        "jclouds.filesystem.basedir=" + data,
                        ""));
        String java = ProcessHandle.current().info().command().orElse("java");
        process = new ProcessBuilder(
                        java, "-Xmx256m", "-jar", JAR.toAbsolutePath().toString(), "--properties", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("s3proxy.log").toFile()))
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!listening()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("S3Proxy did not come up; see " + dir.resolve("s3proxy.log"));
            }
            Thread.sleep(100);
        }
        try (S3Client client = client()) {
            client.createBucket(b -> b.bucket(bucket));
        }
        return this;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public String bucket() {
        return bucket;
    }

    /** Where S3Proxy keeps the bucket's objects: {@code <bucket>/blobs/<key>}. */
    public Path bucketDir() {
        return dir.resolve("data").resolve(bucket);
    }

    /** A client of this server, as the blob store is configured for it. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** The environment that points a server process's blob store here. */
    public Map<String, String> serverEnvironment() {
        return Map.of(
                "OPENCHAKRA_MEDIA_STORE", "s3",
                "OPENCHAKRA_MEDIA_S3_ENDPOINT", endpoint(),
                "OPENCHAKRA_MEDIA_S3_BUCKET", bucket,
                "OPENCHAKRA_MEDIA_S3_REGION", REGION,
                "OPENCHAKRA_MEDIA_S3_ACCESS_KEY_ID", ACCESS_KEY,
                "OPENCHAKRA_MEDIA_S3_SECRET_ACCESS_KEY", SECRET_KEY,
                "OPENCHAKRA_MEDIA_S3_PATH_STYLE", "true");
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
