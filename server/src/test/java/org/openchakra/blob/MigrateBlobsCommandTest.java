package org.openchakra.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openchakra.support.ApiClient;
import org.openchakra.support.Downloads;
import org.openchakra.support.Multipart;
import org.openchakra.support.Reply;
import org.openchakra.support.S3ProxyProcess;
import org.openchakra.support.ServerProcess;

/**
 * {@code migrate-blobs} on a running server, through all three stores, as an operator moves a deployment:
 * from the file system to S3 (and what the server answers, and logs, for a blob in a store it has no
 * settings for), then with the store switched to PostgreSQL, everything into it. Every photo reads back
 * the same bytes from wherever it is.
 */
class MigrateBlobsCommandTest {

    @Test
    void blobsMoveBetweenStoresWhileTheServerRuns() throws Exception {
        Path dataDir = Files.createDirectories(Path.of("target", "test-data")).resolve("migrate-" + System.nanoTime());
        byte[] first = BlobBackendContract.random(300_000);
        byte[] second = BlobBackendContract.random(200_000);
        try (S3ProxyProcess s3 =
                new S3ProxyProcess(dataDir.resolveSibling(dataDir.getFileName() + "-s3"), "moved").start()) {
            Map<String, String> s3Settings = new HashMap<>(s3.serverEnvironment());
            s3Settings.remove("OPENCHAKRA_MEDIA_STORE"); // where it may read and move to, not where it writes
            String firstPhoto;
            String token;
            try (ServerProcess server = new ServerProcess(dataDir)) {
                server.start();
                token = Files.readString(dataDir.resolve("initial-admin-token")).trim();
                firstPhoto = upload(server.api(), token, first);
                assertThat(files(dataDir)).isEqualTo(1);

                ServerProcess.CommandResult unconfigured = server.runCommand("migrate-blobs", "--to", "s3");
                assertThat(unconfigured.exitCode()).as(unconfigured.stdout()).isEqualTo(2);

                ServerProcess.CommandResult toS3 = server.runCommand(s3Settings, "migrate-blobs", "--to", "s3");
                assertThat(toS3.exitCode()).as(toS3.stdout()).isZero();
                assertThat(toS3.stdout()).contains("Moved 1 blobs (300000 bytes) to the s3 store; 0 left");
                assertThat(files(dataDir)).isZero();
                assertThat(objects(s3)).isEqualTo(1);

                // This server has no S3 settings: the photo's bytes are out of its reach, which is a 404 that
                // the log explains, not a 500.
                Reply unreachable = server.api().get("/v1/ext/photo/" + firstPhoto + "/content", token);
                assertThat(unreachable.status()).as(unreachable.toString()).isEqualTo(404);
                assertThat(unreachable.firstError()).contains("missing from the server's blob store");
                assertThat(server.log()).contains("which this instance is not configured for");
            }

            Map<String, String> postgresWithS3 = new HashMap<>(s3Settings);
            postgresWithS3.put("OPENCHAKRA_MEDIA_STORE", "postgres");
            try (ServerProcess server = new ServerProcess(dataDir, postgresWithS3)) {
                server.start();
                assertThat(content(server.api(), token, firstPhoto)).isEqualTo(first);
                String secondPhoto = upload(server.api(), token, second);
                assertThat(objects(s3)).isEqualTo(1);
                assertThat(files(dataDir)).isZero();

                ServerProcess.CommandResult toPostgres = server.runCommand("migrate-blobs", "--to", "postgres");
                assertThat(toPostgres.exitCode()).as(toPostgres.stdout()).isZero();
                assertThat(toPostgres.stdout())
                        .contains("Blobs by store before: {POSTGRES=1, S3=1}")
                        .contains("Moved 1 blobs (300000 bytes) to the postgres store; 0 left")
                        .contains("Blobs by store after: {POSTGRES=2}");
                assertThat(objects(s3)).isZero();
                assertThat(content(server.api(), token, firstPhoto)).isEqualTo(first);
                assertThat(content(server.api(), token, secondPhoto)).isEqualTo(second);
            }
        }
    }

    private static String upload(ApiClient api, String token, byte[] bytes) {
        Multipart form = new Multipart().file("photo", "scan.bin", "application/octet-stream", bytes);
        Reply reply = api.send("POST", "/v1/ext/photo", token, form.body(), form.headers());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.data().path("id").asString();
    }

    private static byte[] content(ApiClient api, String token, String photoId) {
        HttpResponse<byte[]> response =
                Downloads.get(api.baseUrl() + "/v1/ext/photo/" + photoId + "/content", token, Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** Blob files of the file-system store, not puts in progress. */
    private static long files(Path dataDir) throws Exception {
        Path root = dataDir.resolve("blobs");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getParent().equals(root.resolve("tmp")))
                    .count();
        }
    }

    private static long objects(S3ProxyProcess s3) {
        return s3.client()
                .listObjectsV2(b -> b.bucket(s3.bucket()).prefix("blobs/"))
                .keyCount();
    }
}
