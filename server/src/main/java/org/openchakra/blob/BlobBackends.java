package org.openchakra.blob;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The backends this instance can reach, and the one new blobs go to. The file system and the database
 * are always there (blobs recorded in them stay readable after a switch); S3 when its bucket is set.
 */
final class BlobBackends implements AutoCloseable {

    private final Map<BlobStoreType, BlobBackend> backends = new EnumMap<>(BlobStoreType.class);
    private final BlobBackend target;

    BlobBackends(Iterable<BlobBackend> available, BlobStoreType target) {
        for (BlobBackend backend : available) {
            backends.put(backend.type(), backend);
        }
        this.target = get(target)
                .orElseThrow(() -> new IllegalStateException("OPENCHAKRA_MEDIA_STORE is " + target.value()
                        + ", but that store is not configured: set OPENCHAKRA_MEDIA_S3_BUCKET and the other"
                        + " OPENCHAKRA_MEDIA_S3_* settings"));
    }

    BlobBackend target() {
        return target;
    }

    Optional<BlobBackend> get(BlobStoreType type) {
        return Optional.ofNullable(backends.get(type));
    }

    @Override
    public void close() {
        for (BlobBackend backend : backends.values()) {
            if (backend instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // closing a client at shutdown; nothing left to do about it
                }
            }
        }
    }
}
