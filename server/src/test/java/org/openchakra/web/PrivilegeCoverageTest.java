package org.openchakra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint on an authenticated path declares who may call it; none is open by omission. The few
 * paths that take a credential other than a bearer token ({@link AuthenticationFilter#OPEN_PATHS}) are
 * open only together with a handler that says so ({@link TokenInRequest}), and no handler says so for a
 * path that the filter still guards.
 */
class PrivilegeCoverageTest extends IntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyProtectedHandlerDeclaresItsPrivilege() {
        List<String> undeclared = new ArrayList<>();
        List<String> misdeclared = new ArrayList<>();
        Set<String> openPathsMapped = new HashSet<>();
        int protectedHandlers = 0;
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            HandlerMethod method = entry.getValue();
            boolean privileged = has(method, RequiresPrivilege.class)
                    || has(method, OperatorOnly.class)
                    || has(method, AnyCaller.class);
            boolean tokenInRequest = method.hasMethodAnnotation(TokenInRequest.class);
            for (String pattern : info.getPatternValues()) {
                String handler = pattern + " " + method.getShortLogMessage();
                if (AuthenticationFilter.OPEN_PATHS.contains(pattern)) {
                    openPathsMapped.add(pattern);
                    if (!tokenInRequest || privileged) {
                        misdeclared.add(handler + ": an open path needs @TokenInRequest and no privilege");
                    }
                    continue;
                }
                if (tokenInRequest) {
                    misdeclared.add(handler + ": @TokenInRequest on a path the filter guards");
                }
                if (!AuthenticationFilter.isProtected(pattern)) {
                    continue;
                }
                protectedHandlers++;
                if (!privileged) {
                    undeclared.add(handler);
                }
            }
        }
        assertThat(protectedHandlers).isGreaterThan(20);
        assertThat(undeclared).isEmpty();
        assertThat(misdeclared).isEmpty();
        assertThat(openPathsMapped).as("every open path has its handler").isEqualTo(AuthenticationFilter.OPEN_PATHS);
    }

    @Test
    void onlyTheExactOpenPathsAreOpen() {
        assertThat(AuthenticationFilter.isProtected("/v1/ext/whatsapp-partner/connect"))
                .isFalse();
        assertThat(AuthenticationFilter.isProtected("/v1/ext/whatsapp-partner/connect/"))
                .isTrue();
        assertThat(AuthenticationFilter.isProtected("/v1/ext/whatsapp-partner/connect;x=1"))
                .isTrue();
        assertThat(AuthenticationFilter.isProtected("/v1/ext/whatsapp-partner/%63onnect"))
                .isTrue();
        assertThat(AuthenticationFilter.isProtected("/v1/ext/whatsapp-partner/create-connect-token"))
                .isTrue();
    }

    private static boolean has(HandlerMethod method, Class<? extends java.lang.annotation.Annotation> type) {
        return method.hasMethodAnnotation(type) || method.getBeanType().isAnnotationPresent(type);
    }
}
