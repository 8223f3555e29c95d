package org.openchakra.photo;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.openchakra.web.ErrorDetail;
import org.openchakra.web.ErrorResponses;
import org.openchakra.web.FilterOrder;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a photo upload whose Content-Length alone proves it too large, before Spring spools the whole
 * multipart body (allowed up to 100 MB for other endpoints) to disk. Bodies without a length, and those
 * just over the limit, are caught by {@link PhotoService} while it copies the part.
 */
@Component
@Order(FilterOrder.RATE_LIMIT + 1)
class PhotoUploadSizeFilter extends OncePerRequestFilter {

    /** Room for boundaries, part headers and the small text fields around the photo itself. */
    static final long FORM_OVERHEAD_BYTES = 1024 * 1024;

    private final ErrorResponses errors;

    public PhotoUploadSizeFilter(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !"POST".equals(request.getMethod())
                || !(path.equals("/v1/ext/photo") || path.startsWith("/v1/ext/photo/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > PhotoService.MAX_BYTES + FORM_OVERHEAD_BYTES) {
            // The unread body makes the connection useless for another request.
            response.setHeader("Connection", "close");
            errors.write(
                    response,
                    HttpStatus.CONTENT_TOO_LARGE.value(),
                    List.of(new ErrorDetail(
                            ErrorDetail.PAYLOAD_TOO_LARGE,
                            "The photo is larger than the limit of 20 MiB (" + PhotoService.MAX_BYTES + " bytes)",
                            PhotoForm.PHOTO)));
            return;
        }
        chain.doFilter(request, response);
    }
}
