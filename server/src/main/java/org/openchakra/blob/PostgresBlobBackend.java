package org.openchakra.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Blobs in the shared database, as rows of {@code blob_chunk} of {@link #CHUNK_BYTES} each (stored
 * uncompressed, out of line: media do not compress). A write inserts every chunk in one transaction of
 * its own connection, so a blob is there whole or not at all, whatever the caller's transaction does. A
 * read fetches one chunk per query, so that a slow download holds no connection between chunks and the
 * heap holds one chunk per reader.
 */
final class PostgresBlobBackend implements BlobBackend {

    /** 256 KiB: a 100 MB medium is 400 rows; a reader holds one chunk (and its text form) at a time. */
    static final int CHUNK_BYTES = 256 * 1024;

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    PostgresBlobBackend(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
    }

    @Override
    public BlobStoreType type() {
        return BlobStoreType.POSTGRES;
    }

    @Override
    public String describe() {
        return "the database (table blob_chunk)";
    }

    @Override
    public void write(String key, InputStream content) throws IOException {
        BlobKeys.check(key);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement clear = connection.prepareStatement("DELETE FROM blob_chunk WHERE blob_key = ?");
                    PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO blob_chunk (blob_key, seq, data) VALUES (?, ?, ?)")) {
                // A write replaces, as a file rename or an S3 PUT does (a move that was cut short may be redone).
                clear.setString(1, key);
                clear.executeUpdate();
                byte[] chunk = new byte[CHUNK_BYTES];
                int seq = 0;
                int n;
                // The last chunk is always short (empty when the size is a multiple of a chunk): it marks the end,
                // and even an empty blob has a row.
                do {
                    n = content.readNBytes(chunk, 0, CHUNK_BYTES);
                    insert.setString(1, key);
                    insert.setInt(2, seq++);
                    insert.setBytes(3, n == CHUNK_BYTES ? chunk : Arrays.copyOf(chunk, n));
                    insert.executeUpdate();
                } while (n == CHUNK_BYTES);
                connection.commit();
            } catch (IOException | SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IOException("Writing blob " + key + " to the database failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean exists(String key) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM blob_chunk WHERE blob_key = :key)")
                .param("key", BlobKeys.check(key))
                .query(Boolean.class)
                .single();
    }

    @Override
    public InputStream read(String key, long offset) throws IOException {
        if (!exists(key)) {
            throw new NoSuchFileException("blob " + key);
        }
        return new ChunkStream(key, offset);
    }

    @Override
    public void delete(String key) {
        jdbc.sql("DELETE FROM blob_chunk WHERE blob_key = :key")
                .param("key", BlobKeys.check(key))
                .update();
    }

    private byte[] chunk(String key, long seq) {
        return jdbc.sql("SELECT data FROM blob_chunk WHERE blob_key = :key AND seq = :seq")
                .param("key", key)
                .param("seq", (int) seq)
                .query((rs, row) -> rs.getBytes(1))
                .optional()
                .orElse(null);
    }

    /** The chunks from the one holding {@code offset} on, each fetched when the reader gets to it. */
    private final class ChunkStream extends InputStream {
        private final String key;
        private long seq;
        private int position;
        private byte[] current;
        private boolean ended;

        ChunkStream(String key, long offset) {
            this.key = key;
            this.seq = offset / CHUNK_BYTES;
            this.position = (int) (offset % CHUNK_BYTES);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            while (!ended && (current == null || position >= current.length)) {
                if (current != null && current.length < CHUNK_BYTES) {
                    ended = true; // a short chunk is the last one
                } else {
                    if (current != null) {
                        seq++;
                        position = 0;
                    }
                    current = chunk(key, seq);
                    // A chunk missing mid-way (the blob deleted meanwhile) ends the stream early; the reader
                    // checks the length it expected.
                    ended = current == null;
                }
            }
            if (ended) {
                return -1;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
