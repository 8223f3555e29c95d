package org.openchakra.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** A refusal that the caller caused; rendered as the error envelope with its status. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final List<ErrorDetail> details;

    public ApiException(HttpStatus status, List<ErrorDetail> details) {
        super(details.isEmpty() ? status.getReasonPhrase() : details.get(0).message(), null, false, false);
        this.status = status;
        this.details = List.copyOf(details);
    }

    public ApiException(HttpStatus status, String code, String message) {
        this(status, List.of(new ErrorDetail(code, message, null)));
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, List.of(ErrorDetail.invalid(field, message)));
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, ErrorDetail.NOT_FOUND, message);
    }

    public static ApiException conflict(String field, String message) {
        return new ApiException(HttpStatus.CONFLICT, List.of(new ErrorDetail(ErrorDetail.CONFLICT, message, field)));
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, ErrorDetail.FORBIDDEN, message);
    }

    public static ApiException unauthenticated(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, ErrorDetail.UNAUTHENTICATED, message);
    }

    /** A request body over the limit of {@code maxBytes} (413). */
    public static ApiException tooLarge(long maxBytes) {
        return new ApiException(
                HttpStatus.CONTENT_TOO_LARGE,
                ErrorDetail.PAYLOAD_TOO_LARGE,
                "Request body is larger than the limit of " + maxBytes + " bytes");
    }

    public HttpStatus status() {
        return status;
    }

    public List<ErrorDetail> details() {
        return details;
    }
}
