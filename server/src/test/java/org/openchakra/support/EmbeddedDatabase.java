package org.openchakra.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The embedded PostgreSQL of a server process's data directory, as its refusal message tells a second
 * server to reach it: for SQL checks, and for attaching another server process to the same database.
 */
public final class EmbeddedDatabase {

    private EmbeddedDatabase() {}

    /** The database's URL: its port is the fourth line of postmaster.pid. */
    public static String jdbcUrl(Path dataDir) throws IOException {
        String port = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"))
                .get(3)
                .trim();
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    public static Connection connect(Path dataDir) throws IOException, SQLException {
        return DriverManager.getConnection(jdbcUrl(dataDir), "postgres", password(dataDir));
    }

    /** The settings that point another server process at this database. */
    public static Map<String, String> attach(Path dataDir) throws IOException {
        return Map.of(
                "OPENCHAKRA_DATABASE_URL", jdbcUrl(dataDir),
                "OPENCHAKRA_DATABASE_USER", "postgres",
                "OPENCHAKRA_DATABASE_PASSWORD", password(dataDir));
    }

    public static long single(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String password(Path dataDir) throws IOException {
        return Files.readString(dataDir.resolve("postgres.password")).trim();
    }
}
