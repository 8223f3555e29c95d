package org.openchakra.photo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openchakra.blob.FileSystemBlobStore;
import org.openchakra.web.ApiException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;

/** When the row cannot be written after the blob was, the blob goes again: no orphan files. */
class PhotoServiceTest {

    @TempDir
    Path root;

    private final PhotoForm form =
            new PhotoForm(() -> new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, "a.bin", null, null);

    @Test
    void aFailedInsertRemovesTheBlob() {
        PhotoService service = new PhotoService(
                new StubRepository(() -> {
                    throw new DataAccessResourceFailureException("database down");
                }),
                new FileSystemBlobStore(root));

        assertThatThrownBy(() -> service.create(UUID.randomUUID(), null, null, form))
                .isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(files()).isZero();
    }

    @Test
    void anIdTakenByARaceIs409AndRemovesTheBlob() {
        PhotoService service = new PhotoService(new StubRepository(Optional::empty), new FileSystemBlobStore(root));

        assertThatThrownBy(() -> service.create(UUID.randomUUID(), null, UUID.randomUUID(), form))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
        assertThat(files()).isZero();
    }

    private long files() {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
