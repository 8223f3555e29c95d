package org.openchakra.metasim;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Recognises a few file signatures so a declared MIME type that contradicts the content fails with 131053,
 * Meta's most common cause of that error (spec 4). Unrecognised content is accepted: the check only refuses
 * content that is positively something else.
 */
final class MediaSniffer {

    private MediaSniffer() {}

    /** The MIME types compatible with the content, or null when the signature is not recognised. */
    static Set<String> compatibleTypes(byte[] b) {
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            return Set.of("image/jpeg");
        }
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G')) {
            return Set.of("image/png");
        }
        if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
            return Set.of("image/webp");
        }
        if (startsWith(b, 0, '%', 'P', 'D', 'F')) {
            return Set.of("application/pdf");
        }
        if (startsWith(b, 0, 'O', 'g', 'g', 'S')) {
            return Set.of("audio/ogg");
        }
        if (startsWith(b, 4, 'f', 't', 'y', 'p')) {
            return Set.of("video/mp4", "video/3gpp", "audio/mp4", "audio/aac");
        }
        if (startsWith(b, 0, 'I', 'D', '3')) {
            return Set.of("audio/mpeg");
        }
        return null;
    }

    /** Animated WebP files carry an ANIM chunk near the start. */
    static boolean animatedWebp(byte[] b) {
        int limit = Math.min(b.length, 256);
        String head = new String(b, 0, limit, StandardCharsets.ISO_8859_1);
        return head.contains("ANIM");
    }

    private static boolean startsWith(byte[] b, int offset, int... expected) {
        if (b.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
