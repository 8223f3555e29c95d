package org.openchakra.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page ({@code /error}): errors that happen outside Spring MVC (a filter that
 * threw, a request the container refused) get the same envelope as everything else. Not an operation of
 * the OpenAPI document: nobody calls it.
 */
@RestController
@Hidden
class ErrorEnvelopeController implements ErrorController {

    private final ErrorResponses errors;

    public ErrorEnvelopeController(ErrorResponses errors) {
        this.errors = errors;
    }

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // A request Tomcat refused before our filters (TRACE, say) comes here without its request id.
        String requestId = response.getHeader(RequestIds.HEADER);
        if (requestId == null) {
            requestId = RequestIds.fromHeader(request.getHeader(RequestIds.HEADER));
            response.setHeader(RequestIds.HEADER, requestId);
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null) {
            // Called directly by a client rather than dispatched by the container: there is no such endpoint.
            errors.write(response, ApiException.notFound("No such endpoint"));
            return;
        }
        int status = code instanceof Integer i ? i : 500;
        Throwable thrown = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        while (thrown != null && !(thrown instanceof ApiException)) {
            thrown = thrown.getCause();
        }
        if (thrown instanceof ApiException api) {
            errors.write(response, api);
            return;
        }
        errors.write(response, status, List.of(ErrorDetail.forStatus(status, requestId)));
    }
}
