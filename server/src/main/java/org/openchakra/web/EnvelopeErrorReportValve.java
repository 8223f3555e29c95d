package org.openchakra.web;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error report, for requests it refuses before they reach the application, so before our
 * filters and {@code /error}: an undecodable path such as {@code /v1/ext/user/%00}, say. Stock Tomcat
 * answers those with an HTML page; the contract wants the error envelope and a request id everywhere.
 */
final class EnvelopeErrorReportValve extends ErrorReportValve {

    private final ErrorResponses errors;

    EnvelopeErrorReportValve(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // The same guards as Tomcat's: only an error nobody has answered yet, on a connection still usable.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean();
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            String requestId = RequestIds.fromHeader(request.getHeader(RequestIds.HEADER));
            response.setHeader(RequestIds.HEADER, requestId);
            errors.write(response, status, List.of(ErrorDetail.forStatus(status, requestId)));
            response.finishResponse();
        } catch (IOException | RuntimeException e) {
            // The client is gone or the response is broken: there is no one left to tell.
            container.getLogger().debug("Could not write the error envelope", e);
        }
    }
}
