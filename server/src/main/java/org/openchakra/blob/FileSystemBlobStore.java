package org.openchakra.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Blobs as files: {@code <root>/ab/cd/abcd…} (two levels of 256 directories, so that no directory grows
 * huge). A key is 128 random bits in hex, made here: it can never name a path outside the root.
 *
 * <p>A put writes to {@code <root>/tmp/} first, forces the bytes to disk, then renames the file into
 * place atomically (same file system), so a crash or a failed copy never leaves a partial blob under a
 * key; at worst a file in {@code tmp/}, swept at the next start.
 */
public final class FileSystemBlobStore implements BlobStore {

    private static final Logger log = LoggerFactory.getLogger(FileSystemBlobStore.class);
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");
    private static final int BUFFER_BYTES = 64 * 1024;
    /** Older than this, a file in tmp/ is a crashed put's leftover, not a put in progress (even a slow one). */
    private static final Duration STALE_TEMP = Duration.ofHours(6);

    private final Path root;
    private final Path tmp;
    private final SecureRandom random = new SecureRandom();

    public FileSystemBlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.tmp = this.root.resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the blob directory " + tmp, e);
        }
        sweepStaleTemps();
    }

    @Override
    public StoredBlob put(InputStream content, long maxBytes) throws IOException {
        String key = newKey();
        Path target = pathOf(key);
        Path temp = Files.createTempFile(tmp, "put-", ".part");
        boolean placed = false;
        try {
            long size;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                size = copy(content, Channels.newOutputStream(channel), maxBytes);
                // Durable before it becomes visible: after a power cut a renamed file could otherwise be empty.
                channel.force(true);
            }
            Files.createDirectories(target.getParent());
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            placed = true;
            syncDirectory(target.getParent());
            return new StoredBlob(key, size);
        } finally {
            if (!placed) {
                Files.deleteIfExists(temp);
            }
        }
    }

    @Override
    public Optional<Resource> open(String key) {
        Path path = pathOf(key);
        return Files.isRegularFile(path) ? Optional.of(new FileSystemResource(path)) : Optional.empty();
    }

    @Override
    public OptionalLong size(String key) throws IOException {
        try {
            return OptionalLong.of(Files.size(pathOf(key)));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public boolean delete(String key) throws IOException {
        return Files.deleteIfExists(pathOf(key));
    }

    /** Copies at most {@code maxBytes}; reading one byte more than that is the proof that the content is too long. */
    private static long copy(InputStream in, OutputStream out, long maxBytes) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > maxBytes) {
                throw new BlobTooLargeException(maxBytes);
            }
            out.write(buffer, 0, n);
        }
        out.flush();
        return total;
    }

    private String newKey() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Keys come from our own database, but a corrupt one must still not reach outside the root. */
    private Path pathOf(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Not a blob key");
        }
        return root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
    }

    /** Makes the rename itself durable; best effort, since not every platform can open a directory. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("Cannot sync directory {}: {}", dir, e.toString());
        }
    }

    private void sweepStaleTemps() {
        FileTime cutoff = FileTime.from(Instant.now().minus(STALE_TEMP));
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(tmp, "put-*.part")) {
            for (Path leftover : leftovers) {
                if (Files.getLastModifiedTime(leftover).compareTo(cutoff) < 0) {
                    Files.deleteIfExists(leftover);
                    log.info("Removed an unfinished blob upload left by an earlier run: {}", leftover.getFileName());
                }
            }
        } catch (IOException e) {
            log.warn("Cannot sweep unfinished uploads in {}: {}", tmp, e.toString());
        }
    }
}
