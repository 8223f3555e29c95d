package org.openchakra.inbound;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.openchakra.web.ApiException;
import org.openchakra.web.ErrorDetail;
import org.openchakra.web.ErrorResponses;
import org.openchakra.web.FilterOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves Meta's POSTs to {@code /webhooks/meta} right after the request id, access log and body limit, without
 * the rest of the chain: Meta posts thousands a second, and the filters meant for API callers (bearer
 * authentication, rate limit) and Spring MVC's dispatch have nothing to do for a notification that proves itself
 * by its signature, yet were a sixth of the server's CPU per notification. The body limit's filter answers 413
 * for a Content-Length over the limit, and its stream throws {@link ApiException} for a chunked body that goes
 * over it while read. Any other spelling of the path goes the usual way to {@link MetaWebhookController}, which
 * does the same.
 */
@Component
@Order(FilterOrder.META_WEBHOOK)
class MetaWebhookFilter extends OncePerRequestFilter {

    static final String PATH = "/webhooks/meta";
    private static final Logger log = LoggerFactory.getLogger(MetaWebhookFilter.class);

    private final MetaNotificationReceiver receiver;
    private final ErrorResponses errors;

    MetaWebhookFilter(MetaNotificationReceiver receiver, ErrorResponses errors) {
        this.receiver = receiver;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && PATH.equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            receiver.receive(body(request), request.getHeader("X-Hub-Signature-256"));
            MetaNotificationReceiver.ok(response);
        } catch (ApiException e) {
            errors.write(response, e);
        } catch (RuntimeException e) {
            // Not stored (the database is away, the server is stopping): Meta retries what is not answered 200.
            log.error("Meta notification not stored", e);
            errors.write(
                    response,
                    HttpStatus.INTERNAL_SERVER_ERROR.value(),
                    List.of(new ErrorDetail(ErrorDetail.INTERNAL, "The notification could not be stored", null)));
        }
    }

    private static byte[] body(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            return in.readAllBytes();
        }
    }
}
