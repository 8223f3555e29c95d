package org.openchakra.chat;

import java.util.ArrayList;
import java.util.List;
import org.openchakra.web.JsonFields;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code page} (1-based) and {@code limit} of the chat endpoints (contract README §6). */
public record Paging(int page, int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    static Paging read(JsonFields f) {
        return new Paging(
                f.integer("page", 1, Integer.MAX_VALUE).orElse(1),
                f.integer("limit", 1, MAX_LIMIT).orElse(DEFAULT_LIMIT));
    }

    long offset() {
        return (long) (page - 1) * limit;
    }

    /**
     * One statement for the page and the total: both read one snapshot, and a page past the end still
     * reports the total (the total comes as one row with null columns then). {@code where} may use any
     * named parameters but {@code :limit} and {@code :offset}.
     */
    String sql(String columns, String from, String where, String orderBy) {
        return "WITH total AS (SELECT count(*) AS total FROM " + from + " WHERE " + where + ")"
                + " SELECT total.total, p.* FROM total LEFT JOIN LATERAL (SELECT " + columns + " FROM " + from
                + " WHERE " + where + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset) p ON true";
    }

    /** Runs a statement made by {@link #sql}; its rows carry the page's columns next to {@code total}. */
    <T> Page<T> fetch(JdbcClient.StatementSpec statement, RowMapper<T> mapper) {
        long[] total = {0};
        List<T> items = new ArrayList<>();
        statement.param("limit", limit).param("offset", offset()).query(rs -> {
            total[0] = rs.getLong("total");
            if (rs.getObject("id") != null) {
                items.add(mapper.mapRow(rs, items.size()));
            }
        });
        return new Page<>(items, total[0], this);
    }
}
