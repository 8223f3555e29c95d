package org.openchakra.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blobs as files: {@code <root>/ab/cd/abcd…} (two levels of 256 directories, so that no directory grows
 * huge). Only keys of {@link BlobKeys}' form reach a path, so none can name a place outside the root.
 *
 * <p>A write goes to {@code <root>/tmp/} first, forces the bytes to disk, then renames the file into place
 * atomically (same file system), so a crash or a failed copy never leaves a partial blob under a key; at
 * worst a file in {@code tmp/}, swept at the next start.
 */
final class FileSystemBlobBackend implements BlobBackend {

    private static final Logger log = LoggerFactory.getLogger(FileSystemBlobBackend.class);
    private static final int BUFFER_BYTES = 64 * 1024;
    /** Older than this, a file in tmp/ is a crashed put's leftover, not a put in progress (even a slow one). */
    private static final Duration STALE_TEMP = Duration.ofHours(6);

    private final Path root;
    private final Path tmp;

    FileSystemBlobBackend(Path root) {
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
    public BlobStoreType type() {
        return BlobStoreType.FILESYSTEM;
    }

    @Override
    public String describe() {
        return "the file system under " + root;
    }

    @Override
    public void write(String key, InputStream content) throws IOException {
        Path target = pathOf(key);
        Path temp = Files.createTempFile(tmp, "put-", ".part");
        boolean placed = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                copy(content, Channels.newOutputStream(channel));
                // Durable before it becomes visible: after a power cut a renamed file could otherwise be empty.
                channel.force(true);
            }
            Files.createDirectories(target.getParent());
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            placed = true;
            syncDirectory(target.getParent());
        } finally {
            if (!placed) {
                Files.deleteIfExists(temp);
            }
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(pathOf(key));
    }

    @Override
    public InputStream read(String key, long offset) throws IOException {
        FileChannel channel = FileChannel.open(pathOf(key), StandardOpenOption.READ);
        try {
            return Channels.newInputStream(channel.position(offset));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(pathOf(key));
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        int n;
        while ((n = in.read(buffer)) != -1) {
            out.write(buffer, 0, n);
        }
        out.flush();
    }

    /** Keys come from our own database, but a corrupt one must still not reach outside the root. */
    Path pathOf(String key) {
        BlobKeys.check(key);
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
