package org.openchakra.blob;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.openchakra.web.ApiException;
import org.openchakra.web.ErrorDetail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;

/**
 * The blob store every feature uses: new blobs go to the configured backend, and each is recorded in the
 * {@code blob} table with its store, size and SHA-256. Reads go to the store a blob is recorded in, so blobs
 * written before a switch of {@code OPENCHAKRA_MEDIA_STORE} stay readable until {@code migrate-blobs} has
 * moved them, and every instance finds every blob of a shared store.
 */
final class CatalogedBlobStore implements BlobStore {

    private static final Logger log = LoggerFactory.getLogger(CatalogedBlobStore.class);

    private final BlobCatalog catalog;
    private final BlobBackends backends;

    CatalogedBlobStore(BlobCatalog catalog, BlobBackends backends) {
        this.catalog = catalog;
        this.backends = backends;
    }

    @Override
    public StoredBlob put(InputStream content, long maxBytes) throws IOException {
        BlobBackend target = backends.target();
        String key = BlobKeys.next();
        MeasuredInput measured = new MeasuredInput(content, maxBytes);
        target.write(key, measured);
        StoredBlob blob = new StoredBlob(key, measured.count(), measured.sha256());
        boolean recorded = false;
        try {
            catalog.insert(key, target.type(), blob.sizeBytes(), blob.sha256());
            recorded = true;
        } finally {
            if (!recorded) {
                removeQuietly(target, key);
            }
        }
        return blob;
    }

    @Override
    public Optional<Resource> open(String key) throws IOException {
        Optional<BlobRecord> found = catalog.find(BlobKeys.check(key));
        if (found.isEmpty()) {
            log.warn("Blob {} is not in the blob table: it was deleted, or a row refers to a blob never stored", key);
            return Optional.empty();
        }
        BlobRecord record = found.get();
        Optional<BlobBackend> backend = backends.get(record.store());
        if (backend.isEmpty()) {
            log.warn(
                    "Blob {} is in the {} store, which this instance is not configured for: give it the same"
                            + " OPENCHAKRA_MEDIA_* settings as the others, or move the blobs (migrate-blobs)",
                    key,
                    record.store().value());
            return Optional.empty();
        }
        if (!backend.get().exists(key)) {
            log.warn(
                    "Blob {} is recorded in {}, which does not have it: {}",
                    key,
                    backend.get().describe(),
                    record.store() == BlobStoreType.FILESYSTEM
                            ? "it was written by another instance (a filesystem store is one instance's own disk:"
                                    + " share a postgres or s3 store, see the README), or deleted by hand"
                            : "it was deleted by hand, or the store was switched without moving the blobs");
            return Optional.empty();
        }
        return Optional.of(new BlobResource(record, backend.get()));
    }

    @Override
    public Resource content(String key, String what) {
        try {
            return open(key)
                    .orElseThrow(() -> ApiException.notFound(
                            "The content of " + what + " is missing from" + " the server's blob store"));
        } catch (IOException e) {
            log.error("The blob store failed to open blob {} ({}): {}", key, what, e.toString());
            throw new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    List.of(new ErrorDetail(
                            ErrorDetail.INTERNAL, "The blob store cannot be reached; try again later", null)));
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Optional<BlobRecord> found = catalog.find(BlobKeys.check(key));
        if (found.isEmpty()) {
            return;
        }
        // The record first: a blob whose bytes outlive it is invisible garbage, never a row with no bytes.
        catalog.delete(key);
        Optional<BlobBackend> backend = backends.get(found.get().store());
        if (backend.isPresent()) {
            backend.get().delete(key);
        }
    }

    private static void removeQuietly(BlobBackend backend, String key) {
        try {
            backend.delete(key);
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "Could not remove blob {} from {} after a failed put; it is an orphan now: {}",
                    key,
                    backend.describe(),
                    e.toString());
        }
    }
}
