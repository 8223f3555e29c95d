package org.openchakra.blob;

import java.io.InputStream;
import org.springframework.core.io.AbstractResource;

/**
 * A stored blob as Spring's {@link org.springframework.core.io.Resource}, so that Spring MVC streams it
 * and answers Range by itself: the length comes from the {@code blob} table (no store is asked), and each
 * {@link #getInputStream()} is a {@link BlobReadStream}, which opens the store only when first read, at the
 * offset a Range skipped to.
 */
final class BlobResource extends AbstractResource {

    private final BlobRecord record;
    private final BlobBackend backend;

    BlobResource(BlobRecord record, BlobBackend backend) {
        this.record = record;
        this.backend = backend;
    }

    @Override
    public InputStream getInputStream() {
        return new BlobReadStream(backend, record);
    }

    @Override
    public long contentLength() {
        return record.sizeBytes();
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public boolean isReadable() {
        return true;
    }

    @Override
    public long lastModified() {
        return record.createdAt().toEpochMilli();
    }

    @Override
    public String getDescription() {
        return "blob " + record.key() + " in " + backend.describe();
    }
}
