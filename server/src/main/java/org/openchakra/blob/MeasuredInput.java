package org.openchakra.blob;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content on its way into a store: counted, hashed (SHA-256), and cut off with
 * {@link BlobTooLargeException} as soon as it is longer than its limit, so that a backend never stores
 * more than that whatever it buffers. Reading one byte past the limit is the proof of "too long", so
 * content of exactly the limit passes.
 */
final class MeasuredInput extends InputStream {

    private final InputStream in;
    private final long maxBytes;
    private final MessageDigest digest = newSha256();
    private String sha256;
    private long count;

    MeasuredInput(InputStream in, long maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            count += n;
            if (count > maxBytes) {
                throw new BlobTooLargeException(maxBytes);
            }
            digest.update(buffer, offset, n);
        }
        return n;
    }

    /** Bytes read so far. */
    long count() {
        return count;
    }

    /** The SHA-256 of the bytes read, in hex; asked once the content is read to its end. */
    String sha256() {
        if (sha256 == null) {
            sha256 = HexFormat.of().formatHex(digest.digest());
        }
        return sha256;
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
