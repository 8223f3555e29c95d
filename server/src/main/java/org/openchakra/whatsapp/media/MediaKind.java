package org.openchakra.whatsapp.media;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The media WhatsApp takes (meta-cloud-api.md §4): each MIME type with its kind, its size limit and the
 * file extension public URLs carry. Megabytes are binary (5 MB = 5 × 2^20 bytes), as the simulator has them.
 */
enum MediaKind {
    AUDIO(16L << 20),
    DOCUMENT(100L << 20),
    IMAGE(5L << 20),
    /** 100 KB static; an animated sticker may have {@link #ANIMATED_STICKER_MAX_BYTES}. */
    STICKER(100L << 10),
    VIDEO(16L << 20);

    public static final long ANIMATED_STICKER_MAX_BYTES = 500L << 10;

    /** Every MIME type WhatsApp takes, with its kind and extension; the order is the order messages list them. */
    private static final Map<String, Type> TYPES = new LinkedHashMap<>();

    static {
        type("image/jpeg", IMAGE, "jpg");
        type("image/png", IMAGE, "png");
        type("image/webp", STICKER, "webp");
        type("video/mp4", VIDEO, "mp4");
        type("video/3gpp", VIDEO, "3gp");
        type("audio/aac", AUDIO, "aac");
        type("audio/amr", AUDIO, "amr");
        type("audio/mpeg", AUDIO, "mp3");
        type("audio/mp4", AUDIO, "m4a");
        type("audio/ogg", AUDIO, "ogg");
        type("text/plain", DOCUMENT, "txt");
        type("application/pdf", DOCUMENT, "pdf");
        type("application/msword", DOCUMENT, "doc");
        type("application/vnd.ms-excel", DOCUMENT, "xls");
        type("application/vnd.ms-powerpoint", DOCUMENT, "ppt");
        type("application/vnd.openxmlformats-officedocument.wordprocessingml.document", DOCUMENT, "docx");
        type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", DOCUMENT, "xlsx");
        type("application/vnd.openxmlformats-officedocument.presentationml.presentation", DOCUMENT, "pptx");
    }

    /** One supported MIME type. */
    public record Type(String mime, MediaKind kind, String extension) {}

    private final long maxBytes;

    MediaKind(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    private static void type(String mime, MediaKind kind, String extension) {
        TYPES.put(mime, new Type(mime, kind, extension));
    }

    public static Optional<Type> of(String mime) {
        return Optional.ofNullable(TYPES.get(mime));
    }

    public static Optional<Type> byExtension(String extension) {
        return TYPES.values().stream()
                .filter(t -> t.extension().equalsIgnoreCase(extension))
                .findFirst();
    }

    public static String supportedList() {
        return String.join(", ", TYPES.keySet());
    }

    /** For messages: "5 MB", "100 KB". */
    public static String humanSize(long bytes) {
        return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MB" : (bytes >> 10) + " KB";
    }
}
