package org.openchakra.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The embedded database's {@code pg_hba.conf}. zonky runs {@code initdb -A trust}, which lets any
 * local OS user in as superuser; ours asks every connection for the password.
 */
final class PgHba {

    static final String PASSWORD = "scram-sha-256";
    static final String TRUST = "trust";

    private PgHba() {}

    /** True when there are rules and none of them trusts (rules added by hand are left alone). */
    static boolean requiresPassword(Path pgData) throws IOException {
        List<String[]> rules = rules(pgData);
        return !rules.isEmpty() && rules.stream().noneMatch(r -> List.of(r).contains(TRUST));
    }

    /** Replaces the rules: local socket and loopback TCP, every database and user, with {@code method}. */
    static void write(Path pgData, String method) throws IOException {
        String text = "# Written by OpenChakra (db/PgHba): every connection needs the password in"
                + " <data dir>/postgres.password.\n"
                + "local   all          all                  " + method + "\n"
                + "host    all          all   127.0.0.1/32   " + method + "\n"
                + "host    all          all   ::1/128        " + method + "\n";
        Path file = pgData.resolve("pg_hba.conf");
        Path tmp = pgData.resolve("pg_hba.conf.tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        // PostgreSQL reads the file at start and reload; a rename never shows it half written.
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<String[]> rules(Path pgData) throws IOException {
        Path file = pgData.resolve("pg_hba.conf");
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream()
                .map(line -> line.replaceFirst("#.*", "").trim())
                .filter(line -> !line.isEmpty())
                .map(line -> line.split("\\s+"))
                .toList();
    }
}
