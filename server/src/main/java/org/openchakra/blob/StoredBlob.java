package org.openchakra.blob;

/** A blob just written: the key to find it again and how many bytes it holds. */
public record StoredBlob(String key, long sizeBytes) {}
