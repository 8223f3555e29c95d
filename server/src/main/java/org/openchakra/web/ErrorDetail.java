package org.openchakra.web;

import org.springframework.http.HttpStatus;

/** One problem with a request: a stable machine {@code code}, a message for people, the field at fault (or null). */
public record ErrorDetail(String code, String message, String field) {

    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    public static final String FORBIDDEN = "FORBIDDEN";
    public static final String CONFLICT = "CONFLICT";
    public static final String RATE_LIMITED = "RATE_LIMITED";
    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    public static final String NOT_ACCEPTABLE = "NOT_ACCEPTABLE";
    public static final String UPSTREAM_ERROR = "UPSTREAM_ERROR";
    public static final String INTERNAL = "INTERNAL";

    public static ErrorDetail invalid(String field, String message) {
        return new ErrorDetail(VALIDATION_FAILED, message, field);
    }

    /** For a refusal known only by its status (the container's, not ours): the status's code and reason. */
    public static ErrorDetail forStatus(int status, String requestId) {
        HttpStatus resolved = HttpStatus.resolve(status);
        String message = status >= 500
                ? "Internal error (request id " + requestId + ")"
                : resolved == null ? "Request refused" : resolved.getReasonPhrase();
        String code = switch (status) {
            case 404 -> NOT_FOUND;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 405 -> METHOD_NOT_ALLOWED;
            case 413 -> PAYLOAD_TOO_LARGE;
            default -> status >= 500 ? INTERNAL : VALIDATION_FAILED;
        };
        return new ErrorDetail(code, message, null);
    }
}
