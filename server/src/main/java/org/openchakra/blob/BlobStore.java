package org.openchakra.blob;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.core.io.Resource;

/**
 * Immutable binary objects (photos now, WhatsApp media of up to 100 MB later) kept outside the database.
 * Content is always streamed: no method holds a whole blob in memory. The store makes the keys itself
 * (opaque strings, never derived from anything a caller sent), so a key cannot name a place it should not.
 */
public interface BlobStore {

    /**
     * Copies {@code content} into a new blob and answers its key and size. Reads at most {@code maxBytes}
     * bytes (plus one, to tell "exactly the limit" from "over it"); over the limit it throws
     * {@link BlobTooLargeException}. A put that fails for any reason leaves no blob behind. Does not close
     * {@code content}.
     */
    StoredBlob put(InputStream content, long maxBytes) throws IOException;

    /** The blob as a readable resource (streamed on each {@code getInputStream()}), or empty if there is none. */
    Optional<Resource> open(String key) throws IOException;

    /** The blob's size in bytes, or empty if there is none. */
    OptionalLong size(String key) throws IOException;

    /** Removes the blob; answers false if there was none. */
    boolean delete(String key) throws IOException;

    /**
     * Removes a blob that an operation which failed half-way had written. A failure here must not hide the
     * one that got us here, so it is only logged: the blob is an orphan then.
     */
    default void discard(String key) {
        try {
            delete(key);
        } catch (IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(BlobStore.class)
                    .warn(
                            "Could not remove the blob {} of a failed operation; it is an orphan now: {}",
                            key,
                            e.toString());
        }
    }

    /** A fresh stream over the blob; the caller closes it. */
    default InputStream openStream(String key) throws IOException {
        Resource resource = open(key).orElseThrow(() -> new java.nio.file.NoSuchFileException("blob " + key));
        return resource.getInputStream();
    }
}
