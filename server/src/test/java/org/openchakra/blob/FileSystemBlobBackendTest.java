package org.openchakra.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-system backend: the contract, its sharded layout, and what a crash leaves behind. */
class FileSystemBlobBackendTest implements BlobBackendContract {

    @TempDir
    Path root;

    @Override
    public BlobBackend backend() {
        return new FileSystemBlobBackend(root);
    }

    @Test
    void blobsAreShardedByTheirKeysFirstCharactersAndNothingElseIsLeft() throws IOException {
        String key = BlobKeys.next();
        backend().write(key, new ByteArrayInputStream(new byte[] {1, 2, 3}));
        assertThat(root.resolve(key.substring(0, 2))
                        .resolve(key.substring(2, 4))
                        .resolve(key))
                .isRegularFile();
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1);
        }
    }

    @Test
    void leftoversOfACrashedWriteAreSweptAtStart() throws IOException {
        backend();
        Path stale = Files.writeString(root.resolve("tmp").resolve("put-1.part"), "half");
        Files.setLastModifiedTime(stale, FileTime.fromMillis(0));
        Path fresh = Files.writeString(root.resolve("tmp").resolve("put-2.part"), "in progress");

        backend();

        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
    }
}
