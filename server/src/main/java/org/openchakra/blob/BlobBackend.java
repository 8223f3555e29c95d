package org.openchakra.blob;

import java.io.IOException;
import java.io.InputStream;

/**
 * One place where blobs' bytes live. Keys are made and checked by {@link CatalogedBlobStore}; a backend
 * keeps bytes under them and nothing else (sizes and checksums are in the {@code blob} table).
 */
interface BlobBackend {

    BlobStoreType type();

    /** Where the bytes are, for logs and the operator: never a secret. */
    String describe();

    /**
     * Stores everything {@code content} yields under {@code key}, atomically: a write that fails for any
     * reason (the content's own exception included, which it rethrows) leaves nothing under the key. Does
     * not close {@code content}.
     */
    void write(String key, InputStream content) throws IOException;

    boolean exists(String key) throws IOException;

    /**
     * The bytes from {@code offset} to the end; the caller closes the stream. Throws
     * {@link java.nio.file.NoSuchFileException} when there is no such blob.
     */
    InputStream read(String key, long offset) throws IOException;

    /** Removes the blob; nothing happens when there is none. */
    void delete(String key) throws IOException;
}
