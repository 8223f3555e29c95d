package org.openchakra.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/**
 * Turns every exception into the error envelope. Errors are written straight to the response so that
 * no {@code Accept} header can turn a 4xx into a 406 or 500. Anything unforeseen is a 500 that says
 * only "Internal error" and the request id; the details go to the log.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ErrorResponses errors;

    public ApiExceptionHandler(ErrorResponses errors) {
        this.errors = errors;
    }

    @ExceptionHandler(ApiException.class)
    void api(ApiException e, HttpServletResponse response) throws IOException {
        errors.write(response, e);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    void unreadable(HttpMessageNotReadableException e, HttpServletResponse response) throws IOException {
        Throwable cause = e.getCause();
        if (cause instanceof ApiException api) {
            errors.write(response, api);
            return;
        }
        if (cause instanceof JacksonException jackson) {
            String field = jackson.getPath().isEmpty() ? null : fieldPath(jackson);
            String message = cause instanceof StreamReadException
                    ? "Malformed JSON: " + jackson.getOriginalMessage()
                    : field == null
                            ? "Invalid request body: " + jackson.getOriginalMessage()
                            : "Invalid value for '" + field + "': " + jackson.getOriginalMessage();
            badRequest(response, field, message);
            return;
        }
        badRequest(
                response,
                null,
                e.getMessage() != null && e.getMessage().startsWith("Required request body")
                        ? "A JSON request body is required"
                        : "Unreadable request body");
    }

    private static String fieldPath(JacksonException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : String.valueOf(ref.getIndex()))
                .collect(Collectors.joining("."));
    }

    /**
     * Tomcat parses the query string and a POST form body when anyone asks for a parameter (Spring does
     * to read a form body) and throws this for a bad %-escape or too many parameters: the caller's fault.
     */
    @ExceptionHandler(InvalidParameterException.class)
    void invalidParameters(InvalidParameterException e, HttpServletResponse response) throws IOException {
        if (e.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value()) {
            errors.write(
                    response,
                    413,
                    List.of(new ErrorDetail(
                            ErrorDetail.PAYLOAD_TOO_LARGE, "The form body is larger than the limit", null)));
            return;
        }
        badRequest(response, null, "Malformed query string or form body: a bad %-escape or too many parameters");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    void typeMismatch(MethodArgumentTypeMismatchException e, HttpServletResponse response) throws IOException {
        Class<?> type = e.getRequiredType();
        String expected = type == null
                ? "a valid value"
                : type == java.util.UUID.class
                        ? "a UUID"
                        : Number.class.isAssignableFrom(type) || type.isPrimitive()
                                ? "a number"
                                : "a valid " + type.getSimpleName();
        badRequest(response, e.getName(), "Invalid value for '" + e.getName() + "': expected " + expected);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    void missingParameter(MissingServletRequestParameterException e, HttpServletResponse response) throws IOException {
        badRequest(response, e.getParameterName(), "Missing required parameter '" + e.getParameterName() + "'");
    }

    @ExceptionHandler(ServletRequestBindingException.class)
    void binding(ServletRequestBindingException e, HttpServletResponse response) throws IOException {
        badRequest(response, null, e.getMessage());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    void method(HttpRequestMethodNotSupportedException e, HttpServletResponse response) throws IOException {
        if (e.getSupportedHttpMethods() != null) {
            response.setHeader(
                    HttpHeaders.ALLOW,
                    e.getSupportedHttpMethods().stream().map(Object::toString).collect(Collectors.joining(", ")));
        }
        errors.write(
                response,
                405,
                List.of(new ErrorDetail(
                        ErrorDetail.METHOD_NOT_ALLOWED, "Method " + e.getMethod() + " is not allowed here", null)));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    void mediaType(HttpMediaTypeNotSupportedException e, HttpServletResponse response) throws IOException {
        errors.write(
                response,
                415,
                List.of(new ErrorDetail(
                        ErrorDetail.UNSUPPORTED_MEDIA_TYPE, "Unsupported Content-Type; send application/json", null)));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    void notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletResponse response) throws IOException {
        errors.write(
                response,
                406,
                List.of(new ErrorDetail(ErrorDetail.NOT_ACCEPTABLE, "This endpoint answers application/json", null)));
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    void notFound(Exception e, HttpServletResponse response) throws IOException {
        errors.write(response, ApiException.notFound("No such endpoint"));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    void uploadTooLarge(MaxUploadSizeExceededException e, HttpServletResponse response) throws IOException {
        errors.write(
                response,
                413,
                List.of(new ErrorDetail(ErrorDetail.PAYLOAD_TOO_LARGE, "Upload is larger than the limit", null)));
    }

    @ExceptionHandler(MultipartException.class)
    void multipart(MultipartException e, HttpServletResponse response) throws IOException {
        badRequest(response, null, "Malformed multipart request");
    }

    /** A constraint the service layer did not foresee (a race on a unique value, say): still the caller's conflict. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    void integrity(DataIntegrityViolationException e, HttpServletResponse response) throws IOException {
        log.warn("Data integrity violation reached the web layer", e);
        // SQL state class 22 is "data exception": a value the database cannot hold, i.e. bad input.
        if (e.getMostSpecificCause() instanceof java.sql.SQLException sql
                && sql.getSQLState() != null
                && sql.getSQLState().startsWith("22")) {
            badRequest(response, null, "A value is malformed or out of range");
            return;
        }
        errors.write(response, ApiException.conflict(null, "The change conflicts with existing data"));
    }

    @ExceptionHandler(Exception.class)
    void unexpected(Exception e, HttpServletResponse response) throws IOException {
        if (e.getCause() instanceof ApiException api) {
            errors.write(response, api);
            return;
        }
        log.error("Unhandled error", e);
        errors.write(
                response,
                HttpStatus.INTERNAL_SERVER_ERROR.value(),
                List.of(new ErrorDetail(
                        ErrorDetail.INTERNAL, "Internal error (request id " + RequestIds.current() + ")", null)));
    }

    private void badRequest(HttpServletResponse response, String field, String message) throws IOException {
        errors.write(response, 400, List.of(ErrorDetail.invalid(field, message)));
    }
}
