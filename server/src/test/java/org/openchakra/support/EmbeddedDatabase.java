package org.openchakra.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The embedded PostgreSQL of a server process's data directory, reached as its refusal message tells a
 * second server to: for the SQL checks of tests on server processes.
 */
public final class EmbeddedDatabase {

    private EmbeddedDatabase() {}

    public static Connection connect(Path dataDir) throws IOException, SQLException {
        return DriverManager.getConnection(ServerProcess.jdbcUrl(dataDir), "postgres", password(dataDir));
    }

    public static long single(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first column of each row as keys, the second (a count) as values. */
    public static Map<String, Long> counts(Connection db, String sql) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    /** The first column of each row. */
    public static Set<String> strings(Connection db, String sql) throws SQLException {
        Set<String> values = new HashSet<>();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static String password(Path dataDir) throws IOException {
        return Files.readString(dataDir.resolve("postgres.password")).trim();
    }
}
