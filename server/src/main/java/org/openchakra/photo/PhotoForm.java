package org.openchakra.photo;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openchakra.web.ApiException;
import org.openchakra.web.ErrorDetail;
import org.springframework.core.io.InputStreamSource;
import org.springframework.http.HttpStatus;

/**
 * The upload form of {@code POST /v1/ext/photo}: the {@code photo} file part (required) and the optional
 * text fields {@code filename} and {@code filetype}, checked, with one message per problem.
 *
 * <p>{@code content} streams the part (Tomcat keeps parts on disk); {@code partContentType} and
 * {@code size} are what the part's headers and the container say.
 */
record PhotoForm(InputStreamSource content, long size, String filename, String filetype, String partContentType) {

    static final String PHOTO = "photo";
    private static final int TEXT_MAX = 255;

    static PhotoForm read(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null || contentType.isBlank()) {
            throw ApiException.badRequest(PHOTO,
                    "'photo' is required: send multipart/form-data with a file part named 'photo'");
        }
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorDetail.UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported Content-Type; send multipart/form-data with a file part named 'photo'");
        }
        List<Part> photos = photoParts(request);
        List<ErrorDetail> problems = new ArrayList<>();
        if (photos.isEmpty()) {
            problems.add(ErrorDetail.invalid(PHOTO, "'photo' is required: a file part named 'photo'"));
        } else if (photos.size() > 1) {
            problems.add(ErrorDetail.invalid(PHOTO, "Send exactly one 'photo' part, not " + photos.size()));
        } else if (photos.get(0).getSize() == 0) {
            problems.add(ErrorDetail.invalid(PHOTO, "'photo' is empty"));
        }
        String filename = text(request, "filename", problems);
        String filetype = text(request, "filetype", problems);
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, problems);
        }
        Part photo = photos.get(0);
        return new PhotoForm(photo::getInputStream, photo.getSize(),
                filename != null ? filename : submittedName(photo), filetype, photo.getContentType());
    }

    /** Any part named "photo", with or without a file name in its Content-Disposition (clients differ). */
    private static List<Part> photoParts(HttpServletRequest request) {
        Collection<Part> parts;
        try {
            parts = request.getParts();
        } catch (IOException | ServletException | IllegalStateException e) {
            // Spring has parsed the body before the handler runs, so this is only a body it could not.
            throw ApiException.badRequest(null, "Malformed multipart request");
        }
        return parts.stream().filter(p -> PHOTO.equals(p.getName())).toList();
    }

    /** An optional text field: blank is absent; too long or with control characters is the caller's 400. */
    private static String text(HttpServletRequest request, String field, List<ErrorDetail> problems) {
        String value = request.getParameter(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        value = value.strip();
        if (value.length() > TEXT_MAX) {
            problems.add(ErrorDetail.invalid(field, "'" + field + "' is longer than " + TEXT_MAX + " characters"));
            return null;
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            problems.add(ErrorDetail.invalid(field, "'" + field + "' must not contain control characters"));
            return null;
        }
        return value;
    }

    /**
     * The file name the client put in the part's Content-Disposition, made harmless as metadata: without
     * a path (some clients send one), control characters or excess length. Never used as a path.
     */
    private static String submittedName(Part photo) {
        String name = photo.getSubmittedFileName();
        if (name == null) {
            return null;
        }
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (name.codePointCount(0, name.length()) > TEXT_MAX) {
            name = name.substring(0, name.offsetByCodePoints(0, TEXT_MAX));
        }
        return name.isEmpty() ? null : name;
    }
}
