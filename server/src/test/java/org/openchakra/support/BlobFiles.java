package org.openchakra.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The blob store on disk of the test server (it shares this JVM's data dir): to prove a refusal kept nothing. */
public final class BlobFiles {

    private BlobFiles() {}

    /** Finished blobs, not puts in progress. */
    public static long count() {
        Path root = IntegrationTest.DATA_DIR.resolve("blobs");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getParent().equals(root.resolve("tmp")))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
