package org.openchakra.blob;

/** A blob just written: the key to find it again, how many bytes it holds, and their SHA-256 in hex. */
public record StoredBlob(String key, long sizeBytes, String sha256) {}
