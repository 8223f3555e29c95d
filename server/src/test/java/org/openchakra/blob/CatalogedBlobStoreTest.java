package org.openchakra.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.openchakra.web.ApiException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The store the features use, on the test server (its default store: the file system): every blob is
 * recorded with its store, size and SHA-256; reads are checked against that record; a blob whose bytes are
 * gone is a 404, not a 500.
 */
class CatalogedBlobStoreTest extends IntegrationTest {

    @Autowired
    BlobStore blobs;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPutIsRecordedWithItsStoreSizeAndChecksum() throws Exception {
        byte[] bytes = BlobBackendContract.random(70_000);

        StoredBlob blob = blobs.put(new ByteArrayInputStream(bytes), bytes.length);

        assertThat(blob.sizeBytes()).isEqualTo(bytes.length);
        assertThat(blob.sha256()).isEqualTo(sha256(bytes));
        Map<String, Object> row = jdbc.sql("SELECT store, size_bytes, sha256 FROM blob WHERE key = :key")
                .param("key", blob.key())
                .query()
                .singleRow();
        assertThat(row).containsEntry("store", "filesystem").containsEntry("size_bytes", 70_000L);
        assertThat(row.get("sha256")).isEqualTo(blob.sha256());
        Resource resource = blobs.open(blob.key()).orElseThrow();
        assertThat(resource.contentLength()).isEqualTo(bytes.length);
        assertThat(readAll(resource)).isEqualTo(bytes);
    }

    @Test
    void aBlobWhoseBytesChangedFailsAtTheEndOfAFullReadButServesARange() throws Exception {
        byte[] bytes = BlobBackendContract.random(50_000);
        StoredBlob blob = blobs.put(new ByteArrayInputStream(bytes), bytes.length);
        byte[] damaged = bytes.clone();
        damaged[49_000] ^= 1;
        Files.write(file(blob.key()), damaged);
        Resource resource = blobs.open(blob.key()).orElseThrow();

        assertThatThrownBy(() -> readAll(resource))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("does not match its SHA-256");
        // A range (what Spring does for Range: skip, then read) is served: only its length can be checked.
        try (InputStream in = resource.getInputStream()) {
            assertThat(in.skip(40_000)).isEqualTo(40_000);
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(damaged, 40_000, 50_000));
        }
    }

    @Test
    void aBlobCutShortOrGrownFailsItsRead() throws Exception {
        byte[] bytes = BlobBackendContract.random(10_000);
        StoredBlob shorter = blobs.put(new ByteArrayInputStream(bytes), bytes.length);
        Files.write(file(shorter.key()), Arrays.copyOf(bytes, 9_000));
        assertThatThrownBy(() -> readAll(blobs.open(shorter.key()).orElseThrow()))
                .hasMessageContaining("ended after 9000 of the 10000 bytes");

        StoredBlob longer = blobs.put(new ByteArrayInputStream(bytes), bytes.length);
        Files.write(file(longer.key()), Arrays.copyOf(bytes, 11_000));
        assertThatThrownBy(() -> readAll(blobs.open(longer.key()).orElseThrow()))
                .hasMessageContaining("longer than the 10000 bytes recorded");
    }

    @Test
    void aBlobWhoseBytesAreGoneIsAbsentAndServedAsA404() throws Exception {
        StoredBlob blob = blobs.put(new ByteArrayInputStream(new byte[] {1, 2, 3}), 10);
        Files.delete(file(blob.key()));

        assertThat(blobs.open(blob.key())).isEmpty();
        assertThatThrownBy(() -> blobs.content(blob.key(), "photo x")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(e.getMessage()).isEqualTo("The content of photo x is missing from the server's blob" + " store");
        });
        // Recorded in a store this instance has no settings for (S3 here): the same.
        StoredBlob elsewhere = blobs.put(new ByteArrayInputStream(new byte[] {1}), 10);
        jdbc.sql("UPDATE blob SET store = 's3' WHERE key = :key")
                .param("key", elsewhere.key())
                .update();
        assertThat(blobs.open(elsewhere.key())).isEmpty();
    }

    @Test
    void aPutOverItsLimitOrADeleteLeavesNeitherRowNorBytes() throws Exception {
        assertThatThrownBy(() -> blobs.put(new ByteArrayInputStream(new byte[11]), 10))
                .isInstanceOf(BlobTooLargeException.class);

        StoredBlob blob = blobs.put(new ByteArrayInputStream(new byte[] {1}), 10);
        blobs.delete(blob.key());
        assertThat(file(blob.key())).doesNotExist();
        assertThat(jdbc.sql("SELECT count(*) FROM blob WHERE key = :key")
                        .param("key", blob.key())
                        .query(Long.class)
                        .single())
                .isZero();
        blobs.delete(blob.key()); // gone already: nothing happens
    }

    private static Path file(String key) {
        return DATA_DIR.resolve("blobs")
                .resolve(key.substring(0, 2))
                .resolve(key.substring(2, 4))
                .resolve(key);
    }

    private static byte[] readAll(Resource resource) throws IOException {
        try (InputStream in = resource.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
