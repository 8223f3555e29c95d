package org.openchakra.photo;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;

/**
 * Width and height of an image the JDK can read (JPEG, PNG, GIF, BMP, TIFF, WBMP), from its header only:
 * an {@link ImageReader}'s {@code getWidth}/{@code getHeight}, never a decode of the pixels, so that a
 * crafted "decompression bomb" costs nothing. Anything else, or a file the reader chokes on, has none.
 */
final class ImageDimensions {

    private static final Logger log = LoggerFactory.getLogger(ImageDimensions.class);
    /**
     * For content that is not a local file: how much of its head may be cached in memory while the reader
     * looks for the size (JPEG puts it after EXIF and ICC segments; 1 MiB is ample for real photos).
     */
    private static final long MAX_HEADER_BYTES = 1024 * 1024;

    record Size(int width, int height) {}

    private ImageDimensions() {}

    static Optional<Size> of(Resource content) {
        try (InputStream source = content.isFile() ? null : content.getInputStream();
                ImageInputStream image = source == null
                        ? new FileImageInputStream(content.getFile())
                        : new MemoryCacheImageInputStream(new BoundedInputStream(source, MAX_HEADER_BYTES))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(image);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(image, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                return width > 0 && height > 0 ? Optional.of(new Size(width, height)) : Optional.empty();
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // A malformed header is the file's business, not a failed upload: it is stored without a size.
            log.debug("No image size: {}", e.toString());
            return Optional.empty();
        } catch (OutOfMemoryError | StackOverflowError e) {
            // A crafted header can make a reader allocate or recurse absurdly; that is local to this call.
            log.warn("Image header probe gave up: {}", e.toString());
            return Optional.empty();
        }
    }

    /** Ends the stream after {@code limit} bytes, so that a reader seeking far ahead cannot fill memory. */
    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private long remaining;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }
    }
}
