package org.openchakra.web;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's annotated handler mapping, finding a handler without trying every mapping on every request.
 *
 * <p>Spring finds a path with variables ({@code /v1/ext/plugin/whatsapp/{pluginId}/api/...}) by matching the request
 * against each of the application's ~200 mappings in turn: a tenth of the server's CPU on a pass-through send
 * (bench/README.md, issue 15). Here the mappings are indexed by the literal segments their patterns start with,
 * and a request is matched only against those whose literal start it has. When exactly one of them matches, that
 * is the handler Spring's scan would have chosen too, since a mapping left out cannot match the path; in every
 * other case (none matches, several match, a CORS preflight, an encoded or matrix path) Spring's own lookup
 * decides, as it always did.
 */
class PrefixIndexedMappings extends RequestMappingHandlerMapping {

    /** The index; null until built, and again after a mapping is added or removed at run time. */
    private volatile @Nullable Node index;

    @Override
    protected @Nullable HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request)
            throws Exception {
        Node root = index;
        if (root == null) {
            root = index = build(getHandlerMethods());
        }
        if (CorsUtils.isPreFlightRequest(request) || lookupPath.indexOf('%') >= 0 || lookupPath.indexOf(';') >= 0) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        RequestMappingInfo matched = null;
        HandlerMethod handler = null;
        Node node = root;
        int start = lookupPath.startsWith("/") ? 1 : 0;
        while (node != null) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> candidate : node.mappings) {
                RequestMappingInfo match = getMatchingMapping(candidate.getKey(), request);
                if (match != null) {
                    if (matched != null) {
                        return super.lookupHandlerMethod(lookupPath, request); // several: Spring ranks them
                    }
                    matched = match;
                    handler = candidate.getValue();
                }
            }
            if (start > lookupPath.length()) {
                break;
            }
            int end = lookupPath.indexOf('/', start);
            if (end < 0) {
                end = lookupPath.length();
            }
            node = node.children.get(lookupPath.substring(start, end));
            start = end + 1;
        }
        if (matched == null) {
            return super.lookupHandlerMethod(lookupPath, request); // Spring's answer to no match (405, 415, 404)
        }
        request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, handler);
        handleMatch(matched, lookupPath, request);
        return handler;
    }

    /** Spring's own lookup, every mapping tried (for the test that compares the two). */
    @Nullable
    HandlerMethod lookupByScanning(String lookupPath, HttpServletRequest request) throws Exception {
        return super.lookupHandlerMethod(lookupPath, request);
    }

    @Override
    public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
        super.registerMapping(mapping, handler, method);
        index = null;
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
        super.unregisterMapping(mapping);
        index = null;
    }

    /** A trie of literal path segments; each node holds the mappings whose patterns all start there or above. */
    private static final class Node {
        final Map<String, Node> children = new HashMap<>();
        final List<Map.Entry<RequestMappingInfo, HandlerMethod>> mappings = new ArrayList<>();
    }

    private static Node build(Map<RequestMappingInfo, HandlerMethod> handlers) {
        Node root = new Node();
        handlers.forEach((info, handler) -> {
            Node node = root;
            List<String> prefix = literalPrefix(info);
            for (String segment : prefix) {
                node = node.children.computeIfAbsent(segment, s -> new Node());
            }
            node.mappings.add(Map.entry(info, handler));
        });
        return root;
    }

    /**
     * The literal segments that every pattern of {@code info} starts with (the longest start they share); none when
     * a pattern starts with a variable or wildcard, or when the mapping has no path patterns to read.
     */
    private static List<String> literalPrefix(RequestMappingInfo info) {
        PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
        if (patterns == null || patterns.getPatterns().isEmpty()) {
            return List.of();
        }
        List<String> shared = null;
        for (PathPattern pattern : patterns.getPatterns()) {
            List<String> literal = new ArrayList<>();
            String text = pattern.getPatternString();
            if (!text.startsWith("/")) {
                return List.of();
            }
            String[] segments = text.substring(1).split("/", -1);
            // The last segment is left out: it may be the whole path ("/v1/health" vs "/v1/health/").
            for (int i = 0; i < segments.length - 1; i++) {
                String s = segments[i];
                if (s.isEmpty() || s.contains("{") || s.contains("*") || s.contains("?")) {
                    break;
                }
                literal.add(s);
            }
            if (shared == null) {
                shared = literal;
            } else {
                int n = 0;
                while (n < shared.size() && n < literal.size() && shared.get(n).equals(literal.get(n))) {
                    n++;
                }
                shared = shared.subList(0, n);
            }
        }
        return shared == null ? List.of() : List.copyOf(shared);
    }
}
