package org.openchakra.ratelimit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.openchakra.web.Caller;
import org.openchakra.web.ErrorDetail;
import org.openchakra.web.ErrorResponses;
import org.openchakra.web.FilterOrder;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies the per-key limit after authentication and reports it on every response:
 * {@code X-RateLimit-Limit} (the bucket's size), {@code X-RateLimit-Remaining} and
 * {@code X-RateLimit-Reset} (seconds until the bucket is full again); over it, 429 with {@code Retry-After}.
 */
@Component
@Order(FilterOrder.RATE_LIMIT)
class RateLimitFilter extends OncePerRequestFilter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final ApiKeyRateLimiter limiter;
    private final ErrorResponses errors;

    public RateLimitFilter(ApiKeyRateLimiter limiter, ErrorResponses errors) {
        this.limiter = limiter;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller caller = Caller.of(request);
        if (caller == null || caller.operator()) {
            chain.doFilter(request, response);
            return;
        }
        LeasedTokens.Taken probe = limiter.tryConsume(caller);
        response.setHeader("X-RateLimit-Limit", String.valueOf(caller.burst()));
        response.setHeader("X-RateLimit-Remaining", String.valueOf(probe.remaining()));
        response.setHeader("X-RateLimit-Reset", String.valueOf(seconds(probe.nanosToWaitForReset())));
        if (!probe.consumed()) {
            long retryAfter = Math.max(1, seconds(probe.nanosToWaitForRefill()));
            response.setHeader("Retry-After", String.valueOf(retryAfter));
            errors.write(
                    response,
                    429,
                    List.of(new ErrorDetail(
                            ErrorDetail.RATE_LIMITED, "Rate limit exceeded, retry after " + retryAfter + " s", null)));
            return;
        }
        chain.doFilter(request, response);
    }

    private static long seconds(long nanos) {
        return (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }
}
