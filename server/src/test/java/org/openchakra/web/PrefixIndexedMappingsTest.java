package org.openchakra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The server's handler mapping finds handlers through its index ({@link PrefixIndexedMappings}), and for a request to
 * each path of each mapping, with each method, it chooses what Spring's scan of every mapping chooses.
 */
class PrefixIndexedMappingsTest extends IntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyPathFindsTheHandlerSpringsScanFinds() throws Exception {
        assertThat(mappings).isInstanceOf(PrefixIndexedMappings.class);
        PrefixIndexedMappings indexed = (PrefixIndexedMappings) mappings;
        List<String> paths = new ArrayList<>(List.of("/", "/v1", "/v1/", "/nothing/here", "/v1/ext/unknown"));
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                String path = pattern.getPatternString()
                        .replaceAll("\\{\\*[^}]*}", "a/b")
                        .replaceAll("\\{[^}]*}", "019afc3e-0000-7000-8000-000000000001")
                        .replace("**", "a/b")
                        .replace("*", "x");
                paths.add(path);
                paths.add(path + "/");
                paths.add(path + "/more");
            }
        }
        int found = 0;
        for (String path : paths) {
            for (RequestMethod method : Set.of(RequestMethod.GET, RequestMethod.POST, RequestMethod.DELETE)) {
                String viaIndex = lookup(path, method, indexed, true);
                String viaScan = lookup(path, method, indexed, false);
                assertThat(viaIndex).as(method + " " + path).isEqualTo(viaScan);
                if (viaIndex.startsWith("handler ")) {
                    found++;
                }
            }
        }
        assertThat(found).isGreaterThan(100);
    }

    /** The handler (its method), none, or the exception. */
    private static String lookup(String path, RequestMethod method, PrefixIndexedMappings mapping, boolean indexed) {
        MockHttpServletRequest request = new MockHttpServletRequest(method.name(), path);
        request.addHeader("Accept", "application/json");
        ServletRequestPathUtils.parseAndCache(request);
        try {
            var handler =
                    indexed ? mapping.lookupHandlerMethod(path, request) : mapping.lookupByScanning(path, request);
            return handler == null ? "none" : "handler " + handler.getMethod();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
