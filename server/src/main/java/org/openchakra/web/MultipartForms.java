package org.openchakra.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * Reading an upload form straight from the servlet request (photos, public media), so that every problem
 * is the caller's 4xx in the envelope naming the part or field, rather than Spring's generic binding errors.
 * Tomcat keeps the parts on disk: nothing here reads a file part into memory.
 */
public final class MultipartForms {

    /** The longest text field (and submitted file name) kept. */
    public static final int TEXT_MAX = 255;

    private MultipartForms() {}

    /** The request's parts named {@code filePart}, after checking that the request is multipart at all. */
    public static List<Part> fileParts(HttpServletRequest request, String filePart) {
        String contentType = request.getContentType();
        if (contentType == null || contentType.isBlank()) {
            throw ApiException.badRequest(
                    filePart,
                    "'" + filePart + "' is required: send multipart/form-data" + " with a file part named '" + filePart
                            + "'");
        }
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            throw new ApiException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    ErrorDetail.UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported Content-Type; send multipart/form-data with a file part named '" + filePart + "'");
        }
        Collection<Part> parts;
        try {
            parts = request.getParts();
        } catch (IOException | ServletException | IllegalStateException e) {
            // Spring has parsed the body before the handler runs, so this is only a body it could not.
            throw ApiException.badRequest(null, "Malformed multipart request");
        }
        // Any part of that name, with or without a file name in its Content-Disposition (clients differ).
        return parts.stream().filter(p -> filePart.equals(p.getName())).toList();
    }

    /** The one non-empty file part of {@code found}, or a problem naming {@code filePart}. */
    public static Part single(List<Part> found, String filePart, List<ErrorDetail> problems) {
        if (found.isEmpty()) {
            problems.add(ErrorDetail.invalid(
                    filePart, "'" + filePart + "' is required: a file part named '" + filePart + "'"));
        } else if (found.size() > 1) {
            problems.add(
                    ErrorDetail.invalid(filePart, "Send exactly one '" + filePart + "' part, not " + found.size()));
        } else if (found.get(0).getSize() == 0) {
            problems.add(ErrorDetail.invalid(filePart, "'" + filePart + "' is empty"));
        } else {
            return found.get(0);
        }
        return null;
    }

    /** An optional text field: blank is absent; too long or with control characters is the caller's 400. */
    public static String text(HttpServletRequest request, String field, List<ErrorDetail> problems) {
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
    public static String submittedName(Part part) {
        String name = part.getSubmittedFileName();
        if (name == null) {
            return null;
        }
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.codePoints()
                .filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString()
                .strip();
        if (name.codePointCount(0, name.length()) > TEXT_MAX) {
            name = name.substring(0, name.offsetByCodePoints(0, TEXT_MAX));
        }
        return name.isEmpty() ? null : name;
    }
}
