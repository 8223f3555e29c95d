package org.openchakra.blob;

import java.time.Instant;

/**
 * A row of the {@code blob} table: which store holds the blob's bytes, how many there are, and their
 * SHA-256 in hex (null only for blobs stored before checksums were kept, until they are moved).
 */
record BlobRecord(String key, BlobStoreType store, long sizeBytes, String sha256, Instant createdAt) {}
