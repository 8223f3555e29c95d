package org.openchakra.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request its id ({@code X-Request-Id}, echoed or made) and writes one access-log line when
 * it ends. The line has the path but never the query string or headers, where secrets may travel.
 */
@Component
@Order(FilterOrder.REQUEST_LOG)
class RequestLogFilter extends OncePerRequestFilter {

    private static final Logger access = LoggerFactory.getLogger("openchakra.access");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = RequestIds.fromHeader(request.getHeader(RequestIds.HEADER));
        MDC.put(RequestIds.MDC_KEY, requestId);
        response.setHeader(RequestIds.HEADER, requestId);
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            Caller caller = Caller.of(request);
            access.info(
                    "{} {} {} {}ms {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    response.getStatus(),
                    (System.nanoTime() - started) / 1_000_000,
                    caller == null ? "-" : caller.logLabel());
            MDC.remove(RequestIds.MDC_KEY);
        }
    }
}
