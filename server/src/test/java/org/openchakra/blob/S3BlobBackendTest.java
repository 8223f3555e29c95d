package org.openchakra.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openchakra.support.S3ProxyProcess;

/**
 * The S3 backend against a real S3-compatible server (S3Proxy as a process), through the AWS SDK as
 * configured in production: the contract, where the objects land, and the start-up check of the bucket.
 */
class S3BlobBackendTest implements BlobBackendContract {

    private static S3ProxyProcess s3;
    private static Path spool;

    @BeforeAll
    static void startS3() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "test-data")).resolve("s3-backend-" + System.nanoTime());
        spool = Files.createDirectories(dir.resolve("spool"));
        s3 = new S3ProxyProcess(dir.resolve("s3proxy"), "blobs-test").start();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @Override
    public BlobBackend backend() {
        return backend(s3.bucket(), S3ProxyProcess.SECRET_KEY);
    }

    private static S3BlobBackend backend(String bucket, String secret) {
        return new S3BlobBackend(
                new MediaStoreProperties.S3(
                        s3.endpoint(), bucket, S3ProxyProcess.REGION, S3ProxyProcess.ACCESS_KEY, secret, true),
                spool);
    }

    @Test
    void objectsAreNamedByTheirKeyUnderBlobsAndTheSpoolIsLeftEmpty() throws IOException {
        String key = BlobKeys.next();
        backend().write(key, new ByteArrayInputStream(new byte[] {1, 2, 3}));
        assertThat(s3.client()
                        .headObject(b -> b.bucket(s3.bucket()).key("blobs/" + key))
                        .contentLength())
                .isEqualTo(3);
        try (Stream<Path> left = Files.list(spool)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aMissingBucketOrWrongCredentialsStopTheStart() {
        S3BlobBackend missing = backend("no-such-bucket", S3ProxyProcess.SECRET_KEY);
        assertThatThrownBy(missing::checkBucket)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-such-bucket")
                .hasMessageContaining("create it first");
        S3BlobBackend refused = backend(s3.bucket(), "wrong-secret");
        assertThatThrownBy(refused::checkBucket)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OPENCHAKRA_MEDIA_S3_");
        backend(s3.bucket(), S3ProxyProcess.SECRET_KEY).checkBucket();
    }
}
