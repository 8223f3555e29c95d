package org.openchakra.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The password of the embedded database's superuser, kept in {@code <data dir>/postgres.password}
 * (mode 0600). The file is the truth: the database is made to match it at start.
 */
final class EmbeddedPassword {

    static final String FILE_NAME = "postgres.password";

    /** {@code created}: the file did not exist, so no database can know this password yet. */
    record Password(String value, boolean created) {}

    private EmbeddedPassword() {}

    static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    static Optional<String> read(Path dataDir) throws IOException {
        Path file = file(dataDir);
        return Files.exists(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
    }

    /** Call only while holding the data directory's lock: no other process writes the file meanwhile. */
    static Password readOrCreate(Path dataDir) throws IOException {
        Optional<String> existing = read(dataDir);
        if (existing.isPresent() && !existing.get().isEmpty()) {
            return new Password(existing.get(), false);
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        // Written in full under a temporary name (0600 from the start), then renamed: a reader (the
        // admin-token command, a person running cat) sees no file or the whole one, never a part.
        Path tmp = Files.createTempFile(
                dataDir,
                FILE_NAME,
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            out.write(java.nio.ByteBuffer.wrap((password + "\n").getBytes(StandardCharsets.US_ASCII)));
            out.force(true);
        }
        Files.move(tmp, file(dataDir), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new Password(password, true);
    }
}
