package org.openchakra.blob;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves blobs from the stores they are recorded in to another, while servers keep running: each blob is
 * copied, checked against its recorded size and SHA-256, recorded in its new store, and only then removed
 * from its old one. A blob that cannot be moved stays where it was, readable as before; running again
 * takes up what is left.
 */
final class BlobMigration {

    private static final Logger log = LoggerFactory.getLogger(BlobMigration.class);
    private static final int PAGE = 100;

    private final BlobCatalog catalog;
    private final BlobBackends backends;

    BlobMigration(BlobCatalog catalog, BlobBackends backends) {
        this.catalog = catalog;
        this.backends = backends;
    }

    /** What a run did: blobs and bytes moved, and one line for each blob left where it was. */
    record Outcome(long moved, long bytes, List<String> leftBehind) {}

    /**
     * Moves every blob not yet in {@code to} there. {@code keepSource} leaves the old copies in place (for an
     * operator who wants to remove them later). {@code progress} hears one line per blob left behind and
     * one per 100 moved.
     */
    Outcome moveAll(BlobStoreType to, boolean keepSource, Consumer<String> progress) {
        BlobBackend target = backends.get(to)
                .orElseThrow(() -> new IllegalStateException("The " + to.value()
                        + " store is not configured here: set OPENCHAKRA_MEDIA_S3_BUCKET and the other"
                        + " OPENCHAKRA_MEDIA_S3_* settings"));
        long moved = 0;
        long bytes = 0;
        List<String> leftBehind = new ArrayList<>();
        String after = "";
        List<BlobRecord> page;
        do {
            page = catalog.notIn(to, after, PAGE);
            for (BlobRecord record : page) {
                after = record.key();
                Optional<String> problem = move(record, target, keepSource);
                if (problem.isPresent()) {
                    leftBehind.add(record.key() + ": " + problem.get());
                    progress.accept(
                            "left " + record.key() + " in the " + record.store().value() + " store: " + problem.get());
                } else {
                    moved++;
                    bytes += record.sizeBytes();
                    if (moved % PAGE == 0) {
                        progress.accept("moved " + moved + " blobs so far");
                    }
                }
            }
        } while (page.size() == PAGE);
        return new Outcome(moved, bytes, leftBehind);
    }

    /** Empty when moved; else why not. */
    private Optional<String> move(BlobRecord record, BlobBackend target, boolean keepSource) {
        Optional<BlobBackend> found = backends.get(record.store());
        if (found.isEmpty()) {
            return Optional.of("the " + record.store().value() + " store is not configured here");
        }
        BlobBackend source = found.get();
        String key = record.key();
        try {
            if (!source.exists(key)) {
                return Optional.of(
                        record.store() == BlobStoreType.FILESYSTEM
                                ? "not in " + source.describe()
                                        + " (run the command on the instance whose data directory" + " has it)"
                                : "missing from " + source.describe());
            }
            MeasuredInput copied;
            try (InputStream in = source.read(key, 0)) {
                copied = new MeasuredInput(in, Long.MAX_VALUE);
                target.write(key, copied);
            }
            String sha256 = copied.sha256();
            if (copied.count() != record.sizeBytes()
                    || (record.sha256() != null && !record.sha256().equals(sha256))) {
                discardCopy(target, key);
                log.error(
                        "Blob {} in {} does not match its record ({} bytes, SHA-256 {}; read {} bytes, {})",
                        key,
                        source.describe(),
                        record.sizeBytes(),
                        record.sha256(),
                        copied.count(),
                        sha256);
                return Optional.of("its bytes do not match its recorded size or SHA-256: left in place");
            }
            if (!catalog.moved(key, record.store(), target.type(), sha256)) {
                // Deleted meanwhile, or moved by another run: the copy made here is only garbage unless that
                // run moved it to this very store, in which case the copy is the blob.
                if (catalog.find(key).map(r -> r.store() != target.type()).orElse(true)) {
                    discardCopy(target, key);
                }
                return Optional.empty();
            }
            if (!keepSource) {
                source.delete(key);
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "Moving blob {} from {} to {} failed: {}", key, source.describe(), target.describe(), e.toString());
            return Optional.of("failed: " + e.getMessage());
        }
    }

    private static void discardCopy(BlobBackend target, String key) {
        try {
            target.delete(key);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not remove the copy of blob {} in {}: {}", key, target.describe(), e.toString());
        }
    }
}
