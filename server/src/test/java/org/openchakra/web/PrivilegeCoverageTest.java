package org.openchakra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every endpoint on an authenticated path declares who may call it; none is open by omission. */
class PrivilegeCoverageTest extends IntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyProtectedHandlerDeclaresItsPrivilege() {
        List<String> undeclared = new ArrayList<>();
        int protectedHandlers = 0;
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            HandlerMethod method = entry.getValue();
            for (String pattern : info.getPatternValues()) {
                if (!AuthenticationFilter.isProtected(pattern)) {
                    continue;
                }
                protectedHandlers++;
                boolean declared = has(method, RequiresPrivilege.class) || has(method, OperatorOnly.class)
                        || has(method, AnyCaller.class);
                if (!declared) {
                    undeclared.add(pattern + " " + method.getShortLogMessage());
                }
            }
        }
        assertThat(protectedHandlers).isGreaterThan(20);
        assertThat(undeclared).isEmpty();
    }

    private static boolean has(HandlerMethod method, Class<? extends java.lang.annotation.Annotation> type) {
        return method.hasMethodAnnotation(type) || method.getBeanType().isAnnotationPresent(type);
    }
}
