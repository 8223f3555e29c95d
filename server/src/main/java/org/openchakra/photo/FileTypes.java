package org.openchakra.photo;

import java.util.Optional;
import org.openchakra.common.FileSignatures;
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

    private FileTypes() {}

    /** The {@code filetype} to store for an upload. */
    static String resolve(String declared, String partContentType, byte[] head, String filename) {
        if (declared != null) {
            return declared;
        }
        // "application/octet-stream" is what clients send when they do not know either; the bytes may.
        if (partContentType != null
                && isConcrete(partContentType)
                && !MediaType.APPLICATION_OCTET_STREAM.equalsTypeAndSubtype(
                        MediaType.parseMediaType(partContentType))) {
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
        return byExtension("file." + extension)
                .or(() -> byExtension(filename))
                .map(MediaType::parseMediaType)
                .orElse(MediaType.APPLICATION_OCTET_STREAM);
    }

    /**
     * The type shown by the file's signature. The Office containers (ZIP, OLE2) say less than the file's
     * name does, so for them the name decides.
     */
    static Optional<String> sniff(byte[] head) {
        return FileSignatures.sniff(head)
                .filter(type -> !type.equals(FileSignatures.ZIP) && !type.equals(FileSignatures.OLE2));
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
}
