package org.openchakra.blob;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The places a blob's bytes can live, by the names {@code OPENCHAKRA_MEDIA_STORE} and the {@code blob} table use. */
enum BlobStoreType {
    /** Files under {@code <data dir>/blobs}: one instance only, since no other instance sees this disk. */
    FILESYSTEM,
    /** Chunks in the shared database: every instance sees them, and no other service is needed. */
    POSTGRES,
    /** An S3-compatible object store: every instance sees it, for large deployments. */
    S3;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BlobStoreType> of(String value) {
        return Arrays.stream(values())
                .filter(t -> t.value().equalsIgnoreCase(value.strip()))
                .findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(BlobStoreType::value).collect(Collectors.joining(", "));
    }
}
