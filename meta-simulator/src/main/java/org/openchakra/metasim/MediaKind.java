package org.openchakra.metasim;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The media kinds of spec 4 with their MIME types and size limits. */
enum MediaKind {
    AUDIO(16L << 20, "audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"),
    DOCUMENT(
            100L << 20,
            "text/plain",
            "application/vnd.ms-excel",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/msword",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.ms-powerpoint",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/pdf"),
    IMAGE(5L << 20, "image/jpeg", "image/png"),
    /** 100 KB static, 500 KB animated: the animated limit is applied when the WebP has an ANIM chunk. */
    STICKER(100L << 10, "image/webp"),
    VIDEO(16L << 20, "video/3gpp", "video/mp4");

    static final long ANIMATED_STICKER_MAX = 500L << 10;

    final long maxBytes;
    final List<String> mimeTypes;

    MediaKind(long maxBytes, String... mimeTypes) {
        this.maxBytes = maxBytes;
        this.mimeTypes = List.of(mimeTypes);
    }

    /** The kind a MIME type belongs to; parameters such as {@code ; codecs=opus} are ignored. */
    static Optional<MediaKind> ofMime(String mime) {
        String base = baseMime(mime);
        return Arrays.stream(values()).filter(k -> k.mimeTypes.contains(base)).findFirst();
    }

    static String baseMime(String mime) {
        if (mime == null) {
            return "";
        }
        int semicolon = mime.indexOf(';');
        return (semicolon < 0 ? mime : mime.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    static String allMimeTypes() {
        return String.join(
                ", ", Arrays.stream(values()).flatMap(k -> k.mimeTypes.stream()).toList());
    }

    /** Whether an uploaded MIME type may be sent as a message of this {@code type} (spec 1.4). */
    static boolean sendable(String messageType, String mime) {
        Optional<MediaKind> kind = ofMime(mime);
        return switch (messageType) {
            case "document" -> true;
            case "image" -> kind.orElse(null) == IMAGE;
            case "sticker" -> kind.orElse(null) == STICKER;
            case "audio" -> kind.orElse(null) == AUDIO;
            case "video" -> kind.orElse(null) == VIDEO;
            default -> false;
        };
    }
}
