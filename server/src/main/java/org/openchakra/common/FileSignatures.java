package org.openchakra.common;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the first bytes of a file show it to be ("magic numbers"), for the formats people upload as photos,
 * documents and WhatsApp media. Answers a MIME type, or {@link #ZIP} / {@link #OLE2} for the two container
 * formats Office files share (telling a .docx from an .xlsx needs more than a signature).
 */
public final class FileSignatures {

    /** A ZIP archive: .docx, .xlsx and .pptx are ZIP files. */
    public static final String ZIP = "application/zip";
    /** An OLE2 compound file: the old .doc, .xls and .ppt. */
    public static final String OLE2 = "application/x-ole-storage";

    private FileSignatures() {}

    /** The type shown by the file's signature; {@code head} is the start of the file, as much as there is. */
    public static Optional<String> sniff(byte[] head) {
        if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of("image/jpeg");
        }
        if (startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of("image/png");
        }
        if (startsWith(head, 0, "GIF87a") || startsWith(head, 0, "GIF89a")) {
            return Optional.of("image/gif");
        }
        if (startsWith(head, 0, "RIFF") && startsWith(head, 8, "WEBP")) {
            return Optional.of("image/webp");
        }
        if (startsWith(head, 0, "%PDF-")) {
            return Optional.of("application/pdf");
        }
        if (startsWith(head, 0, 'I', 'I', 0x2A, 0x00) || startsWith(head, 0, 'M', 'M', 0x00, 0x2A)) {
            return Optional.of("image/tiff");
        }
        // "BM" alone would match text; the four reserved bytes of a BMP header are zero.
        if (startsWith(head, 0, "BM") && startsWith(head, 6, 0, 0, 0, 0)) {
            return Optional.of("image/bmp");
        }
        if (startsWith(head, 4, "ftyp")) {
            return isoMedia(head.length >= 12 ? new String(head, 8, 4, StandardCharsets.ISO_8859_1) : "");
        }
        if (startsWith(head, 0, "OggS")) {
            return Optional.of("audio/ogg");
        }
        if (startsWith(head, 0, "#!AMR")) {
            return Optional.of("audio/amr");
        }
        if (startsWith(head, 0, "ID3")) {
            return Optional.of("audio/mpeg");
        }
        if (startsWith(head, 0, 'P', 'K', 3, 4)) {
            return Optional.of(ZIP);
        }
        if (startsWith(head, 0, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return Optional.of(OLE2);
        }
        return mpegAudioFrame(head);
    }

    /** The MIME type of an ISO media file (MP4 family) by its major brand. */
    private static Optional<String> isoMedia(String brand) {
        return switch (brand) {
            case "heic", "heix", "hevc", "hevx", "mif1", "msf1" -> Optional.of("image/heic");
            case "avif", "avis" -> Optional.of("image/avif");
            case "M4A ", "M4B ", "M4P " -> Optional.of("audio/mp4");
            case "qt  " -> Optional.of("video/quicktime");
            default -> brand.startsWith("3g") ? Optional.of("video/3gpp") : Optional.of("video/mp4");
        };
    }

    /**
     * A raw MPEG audio stream starts with an 11-bit frame sync. Layer bits 00 there mean an ADTS header
     * (AAC); any other layer is MPEG-1/2 audio (MP3). UTF-8 text never starts with 0xFF, so this cannot
     * swallow a text file.
     */
    private static Optional<String> mpegAudioFrame(byte[] head) {
        if (head.length < 2 || (head[0] & 0xFF) != 0xFF || (head[1] & 0xE0) != 0xE0) {
            return Optional.empty();
        }
        int version = (head[1] >> 3) & 0x3;
        int layer = (head[1] >> 1) & 0x3;
        if (layer == 0) {
            return (head[1] & 0xF6) == 0xF0 ? Optional.of("audio/aac") : Optional.empty();
        }
        return version == 1 ? Optional.empty() : Optional.of("audio/mpeg");
    }

    public static boolean startsWith(byte[] head, int offset, String ascii) {
        return startsWith(head, offset, ascii.chars().toArray());
    }

    public static boolean startsWith(byte[] head, int offset, int... expected) {
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
