package org.openchakra.common;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Reading nullable timestamp columns, shared by the repositories. */
public final class Rows {

    private Rows() {}

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    /** Epoch milliseconds, as /v1 shows times, or null. */
    public static Long millis(ResultSet rs, String column) throws SQLException {
        Instant instant = instant(rs, column);
        return instant == null ? null : instant.toEpochMilli();
    }
}
