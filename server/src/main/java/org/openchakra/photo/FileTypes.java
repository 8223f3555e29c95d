package org.openchakra.photo;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;

/**
 * What kind of file an upload is. The stored {@code filetype} is what the caller said (the form field,
 * else the part's Content-Type) and, when they said nothing useful, what the first bytes show, then what
 * the file name's extension suggests. Serving needs a real media type, so a stored {@code filetype} that is
 * not one ("png") is translated when the bytes go out.
 */
final class FileTypes {

    static final String OCTET_STREAM = MediaType.APPLICATION_OCTET_STREAM_VALUE;
    /** Enough of the head of a file for every signature below. */
    static final int HEAD_BYTES = 16;

    private FileTypes() {
    }

    /** The {@code filetype} to store for an upload. */
    static String resolve(String declared, String partContentType, byte[] head, String filename) {
        if (declared != null) {
            return declared;
        }
        // "application/octet-stream" is what clients send when they do not know either; the bytes may.
        if (partContentType != null && isConcrete(partContentType)
                && !MediaType.APPLICATION_OCTET_STREAM.equalsTypeAndSubtype(MediaType.parseMediaType(partContentType))) {
            return partContentType.trim();
        }
        return sniff(head).or(() -> byExtension(filename)).orElse(OCTET_STREAM);
    }

    /** The Content-Type to serve a stored photo with: its filetype if that is a media type, else a translation. */
    static MediaType servable(String filetype, String filename) {
        if (isConcrete(filetype)) {
            return MediaType.parseMediaType(filetype);
        }
        String extension = filetype == null ? "" : filetype.trim().replaceFirst("^\\.", "");
        return byExtension("file." + extension).or(() -> byExtension(filename))
                .map(MediaType::parseMediaType).orElse(MediaType.APPLICATION_OCTET_STREAM);
    }

    /** The type shown by the file's signature, for the formats people upload as photos and documents. */
    static Optional<String> sniff(byte[] head) {
        if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(MediaType.IMAGE_JPEG_VALUE);
        }
        if (startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(MediaType.IMAGE_PNG_VALUE);
        }
        if (startsWith(head, 0, "GIF87a") || startsWith(head, 0, "GIF89a")) {
            return Optional.of(MediaType.IMAGE_GIF_VALUE);
        }
        if (startsWith(head, 0, "RIFF") && startsWith(head, 8, "WEBP")) {
            return Optional.of("image/webp");
        }
        if (startsWith(head, 0, "%PDF-")) {
            return Optional.of(MediaType.APPLICATION_PDF_VALUE);
        }
        if (startsWith(head, 0, 'I', 'I', 0x2A, 0x00) || startsWith(head, 0, 'M', 'M', 0x00, 0x2A)) {
            return Optional.of("image/tiff");
        }
        // "BM" alone would match text; the four reserved bytes of a BMP header are zero.
        if (startsWith(head, 0, "BM") && startsWith(head, 6, 0, 0, 0, 0)) {
            return Optional.of("image/bmp");
        }
        if (startsWith(head, 4, "ftyp")) {
            String brand = head.length >= 12 ? new String(head, 8, 4, StandardCharsets.ISO_8859_1) : "";
            return switch (brand) {
                case "heic", "heix", "hevc", "hevx", "mif1", "msf1" -> Optional.of("image/heic");
                case "avif", "avis" -> Optional.of("image/avif");
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    private static Optional<String> byExtension(String filename) {
        if (filename == null || filename.isBlank()) {
            return Optional.empty();
        }
        return MediaTypeFactory.getMediaType(filename).map(MediaType::toString);
    }

    /** A parseable {@code type/subtype} without wildcards: something a Content-Type header can carry. */
    private static boolean isConcrete(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        try {
            return MediaType.parseMediaType(value).isConcrete();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static boolean startsWith(byte[] head, int offset, String ascii) {
        return startsWith(head, offset, ascii.chars().toArray());
    }

    private static boolean startsWith(byte[] head, int offset, int... expected) {
        if (head.length < offset + expected.length) {
            return false;
        }
        return Arrays.equals(Arrays.copyOfRange(head, offset, offset + expected.length), toBytes(expected));
    }

    private static byte[] toBytes(int[] values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
