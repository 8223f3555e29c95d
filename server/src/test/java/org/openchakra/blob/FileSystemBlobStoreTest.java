package org.openchakra.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.Resource;

/** The file-system blob store on its own: round trip, limits, and that a failed put leaves no file. */
class FileSystemBlobStoreTest {

    @TempDir
    Path root;

    @Test
    void putOpenSizeDelete() throws IOException {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        byte[] bytes = new byte[300_000];
        new Random(42).nextBytes(bytes);

        StoredBlob blob = store.put(new ByteArrayInputStream(bytes), bytes.length);

        assertThat(blob.sizeBytes()).isEqualTo(bytes.length);
        assertThat(blob.key()).matches("[0-9a-f]{32}");
        assertThat(store.size(blob.key())).hasValue(bytes.length);
        Resource resource = store.open(blob.key()).orElseThrow();
        assertThat(resource.contentLength()).isEqualTo(bytes.length);
        try (InputStream in = store.openStream(blob.key())) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        // Sharded by the key's first characters.
        assertThat(root.resolve(blob.key().substring(0, 2))
                        .resolve(blob.key().substring(2, 4))
                        .resolve(blob.key()))
                .isRegularFile();

        assertThat(store.delete(blob.key())).isTrue();
        assertThat(store.delete(blob.key())).isFalse();
        assertThat(store.open(blob.key())).isEmpty();
        assertThat(store.size(blob.key())).isEmpty();
        assertThat(files()).isZero();
    }

    @Test
    void everyPutGetsItsOwnKey() throws IOException {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        String first = store.put(new ByteArrayInputStream(new byte[] {1}), 10).key();
        String second = store.put(new ByteArrayInputStream(new byte[] {1}), 10).key();
        assertThat(first).isNotEqualTo(second);
        assertThat(store.put(new ByteArrayInputStream(new byte[0]), 10).sizeBytes())
                .isZero();
    }

    @Test
    void exactlyTheLimitIsStoredAndOneByteMoreIsNot() throws IOException {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        assertThat(store.put(new ByteArrayInputStream(new byte[1000]), 1000).sizeBytes())
                .isEqualTo(1000);

        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(new byte[1001]), 1000))
                .isInstanceOf(BlobTooLargeException.class);
        assertThat(files()).isEqualTo(1);
    }

    @Test
    void aStreamThatFailsHalfwayLeavesNothing() {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(new byte[200_000]), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });

        assertThatThrownBy(() -> store.put(failing, 1_000_000))
                .isInstanceOf(IOException.class)
                .hasMessage("connection reset");
        assertThat(files()).isZero();
    }

    @Test
    void keysThatAreNotTheStoresOwnAreRefused() {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        for (String key : new String[] {"../../etc/passwd", "ab/cd", "", "ABCDEF0123456789ABCDEF0123456789"}) {
            assertThatThrownBy(() -> store.open(key)).as(key).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.delete(key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void leftoversOfACrashedPutAreSweptAtStart() throws IOException {
        new FileSystemBlobStore(root);
        Path stale = Files.writeString(root.resolve("tmp").resolve("put-1.part"), "half");
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(0));
        Path fresh = Files.writeString(root.resolve("tmp").resolve("put-2.part"), "in progress");

        new FileSystemBlobStore(root);

        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
    }

    /** Every regular file under the root, unfinished puts included. */
    private long files() {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
