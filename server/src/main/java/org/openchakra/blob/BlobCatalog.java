package org.openchakra.blob;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code blob} table: every blob of every store, so that any instance knows where a blob's bytes are. */
final class BlobCatalog {

    private static final String COLUMNS = "key, store, size_bytes, sha256, created_at";

    private final JdbcClient jdbc;

    BlobCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<BlobRecord> find(String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM blob WHERE key = :key")
                .param("key", key)
                .query(BlobCatalog::map)
                .optional();
    }

    /** In the caller's transaction, if there is one: then the blob is recorded with the row that refers to it. */
    void insert(String key, BlobStoreType store, long sizeBytes, String sha256) {
        jdbc.sql("INSERT INTO blob (key, store, size_bytes, sha256) VALUES (:key, :store, :size, :sha)")
                .param("key", key)
                .param("store", store.value())
                .param("size", sizeBytes)
                .param("sha", sha256)
                .update();
    }

    /**
     * Records that the blob's bytes are now in {@code to}, if they were still in {@code from}; answers
     * whether they were (another migration, or a delete, may have come first).
     */
    boolean moved(String key, BlobStoreType from, BlobStoreType to, String sha256) {
        return jdbc.sql("UPDATE blob SET store = :to, sha256 = :sha WHERE key = :key AND store = :from")
                        .param("key", key)
                        .param("from", from.value())
                        .param("to", to.value())
                        .param("sha", sha256)
                        .update()
                == 1;
    }

    void delete(String key) {
        jdbc.sql("DELETE FROM blob WHERE key = :key").param("key", key).update();
    }

    /** Up to {@code limit} blobs not in {@code store}, in key order after {@code afterKey} ("" for the first page). */
    List<BlobRecord> notIn(BlobStoreType store, String afterKey, int limit) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM blob WHERE store <> :store AND key > :after ORDER BY key LIMIT :limit")
                .param("store", store.value())
                .param("after", afterKey)
                .param("limit", limit)
                .query(BlobCatalog::map)
                .list();
    }

    /** How many blobs each store holds. */
    Map<BlobStoreType, Long> counts() {
        Map<BlobStoreType, Long> counts = new EnumMap<>(BlobStoreType.class);
        jdbc.sql("SELECT store, count(*) FROM blob GROUP BY store").query(rs -> {
            counts.put(BlobStoreType.of(rs.getString(1)).orElseThrow(), rs.getLong(2));
        });
        return counts;
    }

    private static BlobRecord map(ResultSet rs, int row) throws SQLException {
        String store = rs.getString("store");
        return new BlobRecord(
                rs.getString("key"),
                BlobStoreType.of(store).orElseThrow(() -> new IllegalStateException("Unknown blob store " + store)),
                rs.getLong("size_bytes"),
                rs.getString("sha256"),
                rs.getTimestamp("created_at").toInstant());
    }
}
