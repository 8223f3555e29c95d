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
 * a photo stored in the file system is moved to S3, then into PostgreSQL, and reads back the same bytes
 * from wherever it is at the time. (What a server answers for a blob in a store it has no settings for is
 * in {@link CatalogedBlobStoreTest} and {@link DamagedBlobApiTest}.)
 */
class MigrateBlobsCommandTest {

    @Test
    void blobsMoveBetweenStoresWhileTheServerRuns() throws Exception {
        Path dataDir = Files.createDirectories(Path.of("target", "test-data")).resolve("migrate-" + System.nanoTime());
        byte[] bytes = BlobBackendContract.random(300_000);
        try (S3ProxyProcess s3 =
                new S3ProxyProcess(dataDir.resolveSibling(dataDir.getFileName() + "-s3"), "moved").start()) {
            // S3 readable (and a target), but new blobs still go to the default store, the file system.
            Map<String, String> s3Readable = new HashMap<>(s3.serverEnvironment());
            s3Readable.remove("OPENCHAKRA_MEDIA_STORE");
            try (ServerProcess server = new ServerProcess(dataDir, s3Readable)) {
                server.start();
                String token =
                        Files.readString(dataDir.resolve("initial-admin-token")).trim();
                String photo = upload(server.api(), token, bytes);
                assertThat(files(dataDir)).isEqualTo(1);

                ServerProcess.CommandResult toS3 = server.runCommand("migrate-blobs", "--to", "s3");
                assertThat(toS3.exitCode()).as(toS3.stdout()).isZero();
                assertThat(toS3.stdout())
                        .contains("Blobs by store before: {FILESYSTEM=1}")
                        .contains("Moved 1 blobs (300000 bytes) to the s3 store; 0 left");
                assertThat(files(dataDir)).isZero();
                assertThat(objects(s3)).isEqualTo(1);
                assertThat(content(server.api(), token, photo)).isEqualTo(bytes);

                ServerProcess.CommandResult toPostgres = server.runCommand("migrate-blobs", "--to", "postgres");
                assertThat(toPostgres.exitCode()).as(toPostgres.stdout()).isZero();
                assertThat(toPostgres.stdout())
                        .contains("Moved 1 blobs (300000 bytes) to the postgres store; 0 left")
                        .contains("Blobs by store after: {POSTGRES=1}");
                assertThat(objects(s3)).isZero();
                assertThat(content(server.api(), token, photo)).isEqualTo(bytes);
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
