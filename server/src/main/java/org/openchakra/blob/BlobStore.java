package org.openchakra.blob;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.springframework.core.io.Resource;

/**
 * Immutable binary objects (photos, public media, WhatsApp media of up to 100 MB) kept outside the
 * feature tables, in the store {@code OPENCHAKRA_MEDIA_STORE} chooses. Content is always streamed: no
 * method holds a whole blob in memory. The store makes the keys itself (opaque strings, never derived from
 * anything a caller sent), so a key cannot name a place it should not.
 */
public interface BlobStore {

    /**
     * Copies {@code content} into a new blob and answers its key, size and SHA-256. Reads at most
     * {@code maxBytes} bytes (plus one, to tell "exactly the limit" from "over it"); over the limit it throws
     * {@link BlobTooLargeException}. A put that fails for any reason leaves no blob behind. Does not close
     * {@code content}. Inside a transaction, the blob is recorded with it (its bytes are written at once).
     */
    StoredBlob put(InputStream content, long maxBytes) throws IOException;

    /**
     * The blob as a readable resource (streamed, from the store, on each {@code getInputStream()}), or
     * empty if its bytes cannot be found; why is logged.
     */
    Optional<Resource> open(String key) throws IOException;

    /**
     * The blob, for an answer that serves it: missing bytes are a 404 in the error envelope (why is logged:
     * a server fault, not the caller's), a store that cannot be reached a 503. {@code what} names the blob
     * for the caller, e.g. "photo 0190…".
     */
    Resource content(String key, String what);

    /** Removes the blob; nothing happens if there is none. */
    void delete(String key) throws IOException;

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
}
