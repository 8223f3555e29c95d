package org.openchakra.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What every blob backend must do, run against each real one (a directory, the test database, S3Proxy):
 * round trips of every size that matters to the chunked one, reads from an offset (Range), atomic writes
 * that leave nothing when the content fails or is too long, replacement, and unknown or foreign keys.
 */
interface BlobBackendContract {

    /** More than two chunks of the database store, and not a multiple of one. */
    int SIZE = PostgresBlobBackend.CHUNK_BYTES * 2 + 12_345;

    BlobBackend backend();

    @Test
    default void writeReadFromAnyOffsetAndDelete() throws IOException {
        BlobBackend backend = backend();
        String key = BlobKeys.next();
        byte[] bytes = random(SIZE);

        backend.write(key, new ByteArrayInputStream(bytes));

        assertThat(backend.exists(key)).isTrue();
        assertThat(read(backend, key, 0)).isEqualTo(bytes);
        int chunk = PostgresBlobBackend.CHUNK_BYTES;
        for (int offset : new int[] {1, chunk - 1, chunk, chunk * 2 + 5, SIZE - 1}) {
            assertThat(read(backend, key, offset))
                    .as("from " + offset)
                    .isEqualTo(Arrays.copyOfRange(bytes, offset, SIZE));
        }
        backend.delete(key);
        assertThat(backend.exists(key)).isFalse();
        assertThatThrownBy(() -> read(backend, key, 0)).isInstanceOf(NoSuchFileException.class);
        backend.delete(key); // again: nothing there, nothing happens
    }

    @Test
    default void emptyAndWholeChunkBlobsRoundTrip() throws IOException {
        BlobBackend backend = backend();
        int chunk = PostgresBlobBackend.CHUNK_BYTES;
        for (int size : new int[] {0, 1, chunk, chunk * 2}) {
            String key = BlobKeys.next();
            byte[] bytes = random(size);
            backend.write(key, new ByteArrayInputStream(bytes));
            assertThat(backend.exists(key)).as("size " + size).isTrue();
            assertThat(read(backend, key, 0)).as("size " + size).isEqualTo(bytes);
            if (size > 0) {
                assertThat(read(backend, key, size / 2))
                        .as("size " + size)
                        .isEqualTo(Arrays.copyOfRange(bytes, size / 2, size));
            }
        }
    }

    @Test
    default void aContentThatFailsHalfwayLeavesNothing() {
        BlobBackend backend = backend();
        String key = BlobKeys.next();
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(random(SIZE)), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });

        assertThatThrownBy(() -> backend.write(key, failing))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("connection reset");
        assertThat(exists(backend, key)).isFalse();
    }

    @Test
    default void contentOverItsLimitLeavesNothing() throws IOException {
        BlobBackend backend = backend();
        String exact = BlobKeys.next();
        backend.write(exact, new MeasuredInput(new ByteArrayInputStream(new byte[1000]), 1000));
        assertThat(read(backend, exact, 0)).hasSize(1000);

        String over = BlobKeys.next();
        assertThatThrownBy(() ->
                        backend.write(over, new MeasuredInput(new ByteArrayInputStream(new byte[SIZE]), SIZE - 1)))
                .isInstanceOf(BlobTooLargeException.class);
        assertThat(backend.exists(over)).isFalse();
    }

    @Test
    default void aSecondWriteReplacesTheFirst() throws IOException {
        BlobBackend backend = backend();
        String key = BlobKeys.next();
        backend.write(key, new ByteArrayInputStream(random(SIZE)));
        byte[] second = random(1000);
        backend.write(key, new ByteArrayInputStream(second));
        assertThat(read(backend, key, 0)).isEqualTo(second);
    }

    @Test
    default void keysThatAreNotTheStoresOwnAreRefused() {
        BlobBackend backend = backend();
        for (String key : new String[] {"../../etc/passwd", "ab/cd", "", "ABCDEF0123456789ABCDEF0123456789"}) {
            assertThatThrownBy(() -> backend.read(key, 0)).as(key).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> backend.write(key, InputStream.nullInputStream()))
                    .as(key)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> backend.delete(key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static boolean exists(BlobBackend backend, String key) {
        try {
            return backend.exists(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(BlobBackend backend, String key, long offset) throws IOException {
        try (InputStream in = backend.read(key, offset)) {
            return in.readAllBytes();
        }
    }

    static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
