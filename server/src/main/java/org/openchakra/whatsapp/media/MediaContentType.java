package org.openchakra.whatsapp.media;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openchakra.common.FileSignatures;
import org.openchakra.web.ApiException;
import org.openchakra.web.ErrorDetail;
import org.springframework.http.HttpStatus;

/**
 * Which WhatsApp media type an upload is (meta-cloud-api.md §4), decided by its bytes. The declared type
 * (the file part's Content-Type) only chooses among the types the bytes allow: a declared type the bytes
 * contradict, and content WhatsApp does not take, are refused with 415. Without a declaration the file
 * name's extension chooses where the bytes cannot (.doc vs .xls, both OLE2 files).
 */
final class MediaContentType {

    /** Enough of the head for every check below: signatures, the WebP flags, the first ZIP entries. */
    static final int HEAD_BYTES = 8192;

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    private static final String DOC = "application/msword";
    private static final String XLS = "application/vnd.ms-excel";
    private static final String PPT = "application/vnd.ms-powerpoint";

    /** Names clients use for the types WhatsApp knows by another. */
    private static final Map<String, String> ALIASES = Map.of(
            "image/jpg",
            "image/jpeg",
            "image/pjpeg",
            "image/jpeg",
            "audio/mp3",
            "audio/mpeg",
            "audio/x-m4a",
            "audio/mp4",
            "audio/m4a",
            "audio/mp4",
            "audio/x-aac",
            "audio/aac",
            "video/3gp",
            "video/3gpp");

    /**
     * What the bytes allow: {@code types}, the likeliest first (empty when WhatsApp takes none of them);
     * {@code settled} when the bytes alone make the first the answer; {@code seen}, what the content was
     * recognised as (null when nothing was), for messages.
     */
    private record Candidates(List<String> types, boolean settled, String seen) {

        static Candidates only(String type, String seen) {
            return new Candidates(List.of(type), true, seen);
        }

        static Candidates none(String seen) {
            return new Candidates(List.of(), false, seen);
        }
    }

    private MediaContentType() {}

    /** The type of the upload, or a 415 saying why there is none. */
    static MediaKind.Type resolve(byte[] head, String partContentType, String filename) {
        Candidates allowed = candidates(head);
        String declared = declared(partContentType);
        if (declared != null && allowed.types().contains(declared)) {
            return MediaKind.of(declared).orElseThrow();
        }
        if (declared != null && MediaKind.of(declared).isPresent()) {
            throw unsupported("The file's content does not match its declared type " + declared + ": it is "
                    + (allowed.types().isEmpty()
                            ? describe(allowed.seen())
                            : allowed.types().get(0)));
        }
        if (declared != null || allowed.types().isEmpty()) {
            String what = declared != null ? declared : describe(allowed.seen());
            throw unsupported("Unsupported media type (" + what + "); WhatsApp takes " + MediaKind.supportedList());
        }
        Optional<MediaKind.Type> named =
                byExtension(filename).filter(t -> allowed.types().contains(t.mime()));
        if (named.isPresent()) {
            return named.get();
        }
        if (allowed.settled()) {
            return MediaKind.of(allowed.types().get(0)).orElseThrow();
        }
        throw unsupported("Cannot tell which Office format this " + describe(allowed.seen()) + " is; send the file"
                + " part's Content-Type or a filename with its extension (" + String.join(", ", allowed.types()) + ")");
    }

    /** Animated WebP stickers may be larger (meta-cloud-api.md §4): the VP8X header's animation flag. */
    static boolean animatedWebp(byte[] head) {
        return FileSignatures.startsWith(head, 12, "VP8X") && head.length > 20 && (head[20] & 0x02) != 0;
    }

    private static Candidates candidates(byte[] head) {
        Optional<String> sniffed = FileSignatures.sniff(head);
        if (sniffed.isEmpty()) {
            return looksLikeText(head) ? Candidates.only("text/plain", "text/plain") : Candidates.none(null);
        }
        String seen = sniffed.get();
        return switch (seen) {
            // An MP4 file is a container: audio-only ones are often branded like video.
            case "video/mp4" -> new Candidates(List.of("video/mp4", "audio/mp4"), true, seen);
            case "audio/mp4" -> new Candidates(List.of("audio/mp4", "video/mp4"), true, seen);
            case FileSignatures.ZIP -> officeOpenXml(head);
            case FileSignatures.OLE2 -> ole2(head);
            default ->
                MediaKind.of(seen).map(t -> Candidates.only(t.mime(), seen)).orElse(Candidates.none(seen));
        };
    }

    /**
     * A .docx, .xlsx or .pptx is a ZIP with [Content_Types].xml and its parts under word/, xl/ or ppt/: the
     * entry names settle which. Any other ZIP is no document WhatsApp takes.
     */
    private static Candidates officeOpenXml(byte[] head) {
        boolean office = false;
        for (String entry : zipEntryNames(head)) {
            if (entry.equals("[Content_Types].xml")) {
                office = true;
            } else if (entry.startsWith("word/")) {
                return Candidates.only(DOCX, FileSignatures.ZIP);
            } else if (entry.startsWith("xl/")) {
                return Candidates.only(XLSX, FileSignatures.ZIP);
            } else if (entry.startsWith("ppt/")) {
                return Candidates.only(PPTX, FileSignatures.ZIP);
            }
        }
        return office
                ? new Candidates(List.of(DOCX, XLSX, PPTX), false, FileSignatures.ZIP)
                : Candidates.none(FileSignatures.ZIP);
    }

    /**
     * The names in the ZIP local file headers found in {@code head}. Headers are found by their signature
     * rather than by walking sizes, which streaming writers leave zero; a chance signature inside compressed
     * data would need a plausible name after it to count.
     */
    private static List<String> zipEntryNames(byte[] head) {
        List<String> names = new ArrayList<>();
        for (int at = 0; at + 30 <= head.length; at++) {
            if (FileSignatures.startsWith(head, at, 'P', 'K', 3, 4)) {
                int length = (head[at + 26] & 0xFF) | (head[at + 27] & 0xFF) << 8;
                if (length > 0 && at + 30 + length <= head.length) {
                    names.add(new String(head, at + 30, length, StandardCharsets.ISO_8859_1));
                }
            }
        }
        return names;
    }

    /**
     * The OLE2 directory names its streams in UTF-16 (WordDocument, Workbook, PowerPoint Document), but it
     * need not lie in the head, and document text may hold the same words: a name found only orders the
     * three types, it settles nothing against a declared type or the file name.
     */
    private static Candidates ole2(byte[] head) {
        String text = new String(head, StandardCharsets.UTF_16LE);
        List<String> likeliest = text.contains("WordDocument")
                ? List.of(DOC, XLS, PPT)
                : text.contains("Workbook")
                        ? List.of(XLS, DOC, PPT)
                        : text.contains("PowerPoint Document") ? List.of(PPT, DOC, XLS) : null;
        return likeliest == null
                ? new Candidates(List.of(DOC, XLS, PPT), false, FileSignatures.OLE2)
                : new Candidates(likeliest, true, FileSignatures.OLE2);
    }

    /**
     * Plain text has no signature: the head must be UTF-8 (a character cut by the end of the head is fine)
     * without NUL or control characters other than tab, line breaks and form feed.
     */
    private static boolean looksLikeText(byte[] head) {
        for (byte b : head) {
            int c = b & 0xFF;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7F) {
                return false;
            }
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        // Up to three bytes of a character the head cut in two may trail; the decoder sees the rest whole.
        for (int cut = 0; cut <= Math.min(3, head.length); cut++) {
            try {
                utf8.reset().decode(ByteBuffer.wrap(head, 0, head.length - cut));
                return head.length - cut > 0;
            } catch (CharacterCodingException e) {
                if (head.length < HEAD_BYTES) {
                    return false; // the whole file is here: nothing was cut
                }
            }
        }
        return false;
    }

    /** The part's Content-Type as a bare, lower-case MIME type; absent, unparseable or octet-stream means unsaid. */
    private static String declared(String partContentType) {
        if (partContentType == null || partContentType.isBlank()) {
            return null;
        }
        String mime = partContentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mime.matches("[a-z0-9.+-]+/[a-z0-9.+-]+") || mime.equals("application/octet-stream")) {
            return null;
        }
        return ALIASES.getOrDefault(mime, mime);
    }

    private static Optional<MediaKind.Type> byExtension(String filename) {
        if (filename == null || filename.lastIndexOf('.') < 0) {
            return Optional.empty();
        }
        return MediaKind.byExtension(filename.substring(filename.lastIndexOf('.') + 1));
    }

    private static String describe(String seen) {
        if (seen == null) {
            return "content of no recognised type";
        }
        return switch (seen) {
            case FileSignatures.ZIP -> "ZIP archive";
            case FileSignatures.OLE2 -> "Office (OLE2) file";
            default -> seen;
        };
    }

    private static ApiException unsupported(String message) {
        return new ApiException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                List.of(new ErrorDetail(ErrorDetail.UNSUPPORTED_MEDIA_TYPE, message, PublicMediaForm.FILE)));
    }
}
