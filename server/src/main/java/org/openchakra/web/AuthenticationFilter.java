package org.openchakra.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requires {@code Authorization: Bearer <token>} on the authenticated API paths (README §2) and
 * answers 401 without one. What the caller may do is checked later, per endpoint, by
 * {@link PrivilegeInterceptor}.
 */
@Component
@Order(FilterOrder.AUTHENTICATION)
class AuthenticationFilter extends OncePerRequestFilter {

    private static final List<String> PROTECTED_PREFIXES =
            List.of("/v1/ext/", "/v2/ext/", "/v1/whatsapp/", "/v2/whatsapp/", "/v1/admin/", "/v1/sandbox/");
    /**
     * Exact paths under those prefixes that take no bearer token: their handlers are marked
     * {@link TokenInRequest} and check the credential the request carries. Matched on the raw URI, so an
     * encoded or decorated spelling of one of these paths stays protected.
     */
    public static final Set<String> OPEN_PATHS = Set.of("/v1/ext/whatsapp-partner/connect");

    private static final String BEARER = "bearer ";

    private final CallerAuthenticator authenticator;
    private final ErrorResponses errors;

    public AuthenticationFilter(CallerAuthenticator authenticator, ErrorResponses errors) {
        this.authenticator = authenticator;
        this.errors = errors;
    }

    static boolean isProtected(String path) {
        return path.equals("/v1/health")
                || (PROTECTED_PREFIXES.stream().anyMatch(path::startsWith) && !OPEN_PATHS.contains(path));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isProtected(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            refuse(response, "Missing bearer token: send Authorization: Bearer <token>");
            return;
        }
        Optional<Caller> caller =
                authenticator.authenticate(header.substring(BEARER.length()).trim());
        if (caller.isEmpty()) {
            refuse(response, "Invalid or revoked token");
            return;
        }
        caller.get().attachTo(request);
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletResponse response, String message) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        errors.write(response, ApiException.unauthenticated(message));
    }
}
