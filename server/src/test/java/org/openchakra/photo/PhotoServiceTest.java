package org.openchakra.photo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchakra.blob.BlobStore;
import org.openchakra.blob.StoredBlob;
import org.openchakra.web.ApiException;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;

/** When the row cannot be written after the blob was, the blob goes again: no orphan files. */
class PhotoServiceTest {

    private final MemoryBlobs blobs = new MemoryBlobs();

    private final PhotoForm form =
            new PhotoForm(() -> new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, "a.bin", null, null);

    @Test
    void aFailedInsertRemovesTheBlob() {
        PhotoService service = new PhotoService(
                new StubRepository(() -> {
                    throw new DataAccessResourceFailureException("database down");
                }),
                blobs);

        assertThatThrownBy(() -> service.create(UUID.randomUUID(), null, null, form))
                .isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(files()).isZero();
    }

    @Test
    void anIdTakenByARaceIs409AndRemovesTheBlob() {
        PhotoService service = new PhotoService(new StubRepository(Optional::empty), blobs);

        assertThatThrownBy(() -> service.create(UUID.randomUUID(), null, UUID.randomUUID(), form))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
        assertThat(files()).isZero();
    }

    private long files() {
        return blobs.stored.size();
    }

    /** Blobs in a map: what the service leaves stored is all this test looks at. */
    private static final class MemoryBlobs implements BlobStore {
        final java.util.Map<String, byte[]> stored = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public StoredBlob put(java.io.InputStream content, long maxBytes) throws IOException {
            byte[] bytes = content.readAllBytes();
            String key = UUID.randomUUID().toString().replace("-", "");
            stored.put(key, bytes);
            return new StoredBlob(key, bytes.length, "0".repeat(64));
        }

        @Override
        public Optional<Resource> open(String key) {
            return Optional.ofNullable(stored.get(key)).map(ByteArrayResource::new);
        }

        @Override
        public Resource content(String key, String what) {
            return open(key).orElseThrow();
        }

        @Override
        public void delete(String key) {
            stored.remove(key);
        }
    }

    /** A repository whose insert does what the test says; the id is never taken beforehand. */
    private static final class StubRepository extends PhotoRepository {
        private final java.util.function.Supplier<Optional<Photo>> insert;

        StubRepository(java.util.function.Supplier<Optional<Photo>> insert) {
            super(null);
            this.insert = insert;
        }

        @Override
        public Optional<Photo> insert(Photo photo) {
            return insert.get();
        }

        @Override
        public boolean idTaken(UUID id) {
            return false;
        }
    }
}
