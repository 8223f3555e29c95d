package org.openchakra.blob;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blob's bytes as they are read, checked against its record: a read from the start to the end must
 * match the recorded SHA-256 and length, or the stream fails before it hands on its last bytes (so an answer
 * is cut short, which a client tells from its Content-Length, rather than wrong bytes passed off as right). Skips before the first read move the offset the store is opened at, which is how a Range
 * request reads only its part; such a read checks the length only.
 */
final class BlobReadStream extends InputStream {

    private static final Logger log = LoggerFactory.getLogger(BlobReadStream.class);

    private final BlobBackend backend;
    private final BlobRecord record;
    private long position;
    private InputStream in;
    /** Null once part of the blob was skipped, or when no checksum is recorded. */
    private MessageDigest digest;

    BlobReadStream(BlobBackend backend, BlobRecord record) {
        this.backend = backend;
        this.record = record;
        this.digest = record.sha256() == null ? null : MeasuredInput.newSha256();
    }

    @Override
    public long skip(long n) throws IOException {
        if (in != null) {
            return super.skip(n); // reads through, so the bytes still count
        }
        long skipped = Math.max(0, Math.min(n, record.sizeBytes() - position));
        if (skipped > 0) {
            position += skipped;
            digest = null;
        }
        return skipped;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (in == null) {
            in = backend.read(record.key(), position);
        }
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            position += n;
            if (position > record.sizeBytes()) {
                throw corrupt("is longer than the " + record.sizeBytes() + " bytes recorded");
            }
            if (digest != null) {
                digest.update(buffer, offset, n);
                if (position == record.sizeBytes()) {
                    // Checked before the last bytes are handed on: a reader that passes them on (an answer
                    // being written) never completes a body that is wrong.
                    verify();
                }
            }
        } else if (n < 0 && position != record.sizeBytes()) {
            throw corrupt("ended after " + position + " of the " + record.sizeBytes() + " bytes recorded");
        }
        return n;
    }

    private void verify() throws IOException {
        String actual = HexFormat.of().formatHex(digest.digest());
        digest = null;
        if (!actual.equals(record.sha256())) {
            throw corrupt("does not match its SHA-256 (recorded " + record.sha256() + ", read " + actual + ")");
        }
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
        }
    }

    private IOException corrupt(String what) {
        log.error(
                "Blob {} in {} {}: its bytes were changed or lost in the store",
                record.key(),
                backend.describe(),
                what);
        return new IOException("Blob " + record.key() + " " + what);
    }
}
