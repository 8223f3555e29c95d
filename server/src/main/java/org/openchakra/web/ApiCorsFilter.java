package org.openchakra.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS for the API paths (README §2), so that browser code such as the official SDK's calling client can call
 * OpenChakra. A preflight needs no token: it is answered here, before authentication, 204 with the allowed
 * methods, headers and max age. Every answer to an allowed origin names that origin and exposes the headers
 * clients read ({@code X-Request-Id}, {@code Retry-After}, {@code X-RateLimit-*}). A disallowed origin gets no
 * {@code Access-Control-*} header at all: its preflight is refused (403), and its other requests are answered
 * as usual, for the browser to withhold (servers that send an {@code Origin} are not browsers to protect).
 *
 * <p>Independent of Spring Security, which guards the browser app under {@code /app/**} only; the API's
 * credential is a bearer token, never a cookie, so no credentials are allowed here.
 */
@Component
@Order(FilterOrder.CORS)
class ApiCorsFilter extends OncePerRequestFilter {

    private static final List<String> API_PREFIXES = List.of("/v1/", "/v2/", "/public-media/");
    private static final String METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    /** What the official SDK and ordinary clients send (README §2 names the first four). */
    private static final String HEADERS =
            "authorization, content-type, x-chakra-sdk, x-request-id, accept, accept-language, content-language";

    private static final String EXPOSED =
            "X-Request-Id, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset";
    /** A header name as HTTP defines it (a token), to be echoed. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");

    private static final int MAX_NAMES = 20;
    /** scheme://host[:port], the host possibly with a leading {@code *.}; or {@code *}. */
    private static final Pattern ORIGIN =
            Pattern.compile("\\*|https?://(\\*\\.)?[A-Za-z0-9.-]+(:(\\d{1,5}|\\*|\\[[0-9,]+]))?/?");

    private final CorsConfiguration allowed = new CorsConfiguration();
    private final String maxAge;
    private final ErrorResponses errors;

    ApiCorsFilter(CorsProperties props, ErrorResponses errors) {
        for (String origin : props.allowedOrigins()) {
            if (!ORIGIN.matcher(origin).matches()) {
                throw new IllegalStateException("OPENCHAKRA_CORS_ALLOWED_ORIGINS: '" + origin
                        + "' is not an origin; write scheme://host[:port] (https://app.example.com), a pattern"
                        + " such as https://*.example.com, or *");
            }
        }
        // Spring's matching (patterns, case, a trailing slash); the headers are ours, for the contract's shape.
        allowed.setAllowedOriginPatterns(props.allowedOrigins());
        this.maxAge = String.valueOf(props.maxAge().toSeconds());
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return request.getHeader(HttpHeaders.ORIGIN) == null
                || API_PREFIXES.stream().noneMatch(path::startsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        boolean preflight = CorsUtils.isPreFlightRequest(request);
        // Caches must keep one answer per origin (and, for preflights, per request) apart.
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        if (preflight) {
            response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
            response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
        }
        if (allowed.checkOrigin(origin) == null) {
            if (preflight) {
                errors.write(
                        response,
                        ApiException.forbidden("Origin " + origin
                                + " may not call this API from a browser; the operator allows origins with"
                                + " OPENCHAKRA_CORS_ALLOWED_ORIGINS"));
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        if (preflight) {
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, METHODS);
            response.setHeader(
                    HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                    allowedHeaders(request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS)));
            response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, maxAge);
            response.setStatus(HttpStatus.NO_CONTENT.value());
            return;
        }
        response.setHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
        chain.doFilter(request, response);
    }

    /**
     * Ours, always (so that a browser may cache one answer for every call), and whatever else the browser asks
     * for: a request still needs the bearer token, so no header can open anything (tracing headers such as
     * {@code traceparent} must not break a customer's app).
     */
    private static String allowedHeaders(String requested) {
        if (requested == null || requested.isBlank()) {
            return HEADERS;
        }
        Set<String> names = new LinkedHashSet<>(List.of(HEADERS.split(", ")));
        for (String name : requested.split(",")) {
            String trimmed = name.strip().toLowerCase(Locale.ROOT);
            if (names.size() < MAX_NAMES && HEADER_NAME.matcher(trimmed).matches()) {
                names.add(trimmed);
            }
        }
        return String.join(", ", names);
    }
}
