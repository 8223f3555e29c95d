package org.openchakra.whatsapp.send;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.UUID;
import java.util.regex.Pattern;
import org.openchakra.role.Privileges;
import org.openchakra.web.Caller;
import org.openchakra.web.FilterOrder;
import org.openchakra.web.PrivilegeChecks;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Serves a pass-through send ({@link PassThroughController#send}) right after the API's filters (request id and
 * access log, CORS, body limit, authentication, rate limit), without Spring MVC's dispatch: its handler lookup,
 * interceptors and binding of three path variables were ~1/6 of the server's CPU samples per send, and the server
 * spends 11-12 % less CPU per send without them (bench/README.md, "Sends, fourth pass"). The privilege check
 * is the interceptor's ({@link PrivilegeChecks}), and a refusal is rendered by Spring MVC's own exception handlers
 * for the controller's method, so that every answer is the one Spring MVC's path gives. Only the usual spelling of
 * the path comes here: anything odder (an escape, a path parameter, a plugin id that is not a UUID as UUIDs are
 * written) goes the usual way.
 */
@Component
@Order(FilterOrder.PASS_THROUGH_SEND)
class PassThroughSendFilter extends OncePerRequestFilter {

    static final String PATTERN = "/v1/ext/plugin/whatsapp/{pluginId}/api/{version}/{whatsappPhoneNumberId}/messages";
    private static final String PREFIX = "/v1/ext/plugin/whatsapp/";
    private static final String SUFFIX = "/messages";
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.\\-]+");
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final PassThroughController controller;
    private final HandlerMethod handler;
    private final HandlerExceptionResolver exceptions;

    PassThroughSendFilter(
            PassThroughController controller,
            @Lazy @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptions)
            throws NoSuchMethodException {
        this.controller = controller;
        this.exceptions = exceptions;
        Method send = PassThroughController.class.getMethod(
                "send",
                Caller.class,
                UUID.class,
                String.class,
                String.class,
                HttpServletRequest.class,
                HttpServletResponse.class);
        this.handler = new HandlerMethod(controller, send);
    }

    /** The path's variables, for the usual spelling of a send's path only. */
    record Target(UUID pluginId, String version, String whatsappPhoneNumberId) {

        static Target of(String uri) {
            if (!uri.startsWith(PREFIX) || !uri.endsWith(SUFFIX) || uri.length() <= PREFIX.length() + SUFFIX.length()) {
                return null;
            }
            String[] parts = uri.substring(PREFIX.length(), uri.length() - SUFFIX.length())
                    .split("/", -1);
            if (parts.length != 4
                    || !UUID_TEXT.matcher(parts[0]).matches()
                    || !parts[1].equals("api")
                    || !plain(parts[2])
                    || !plain(parts[3])) {
                return null;
            }
            return new Target(UUID.fromString(parts[0]), parts[2], parts[3]);
        }

        private static boolean plain(String segment) {
            return SEGMENT.matcher(segment).matches() && !segment.equals(".") && !segment.equals("..");
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !request.getRequestURI().endsWith(SUFFIX);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Target target = Target.of(request.getRequestURI());
        if (target == null) {
            chain.doFilter(request, response);
            return;
        }
        // What Spring MVC's handler mapping tells the http.server.requests observation.
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(c -> c.setPathPattern(PATTERN));
        try {
            Caller caller = PrivilegeChecks.require(request, Privileges.WHATSAPP_SEND);
            controller.send(
                    caller, target.pluginId(), target.version(), target.whatsappPhoneNumberId(), request, response);
        } catch (Exception e) {
            if (exceptions.resolveException(request, response, handler, e) == null) {
                throw new ServletException(e);
            }
        }
    }
}
