package org.openchakra.blob;

import java.io.IOException;

/** The content of a {@link BlobStore#put} was longer than its limit; nothing was stored. */
public final class BlobTooLargeException extends IOException {

    private final long maxBytes;

    public BlobTooLargeException(long maxBytes) {
        super("Content is larger than the limit of " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }
}
