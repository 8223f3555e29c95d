package org.openchakra.web;

import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the schemas no operation reaches: those springdoc made from handler signatures (JsonNode, the
 * Java envelope) before {@link OpenApiOperations} described the operations with records.
 */
final class UnusedSchemas {

    private static final Pattern REF = Pattern.compile("#/components/schemas/([^\"]+)\"");

    private UnusedSchemas() {}

    static void remove(OpenAPI openApi) {
        var schemas = openApi.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        Set<String> reached = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        refs(openApi.getPaths(), pending);
        refs(openApi.getComponents().getResponses(), pending);
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (reached.add(name) && schemas.containsKey(name)) {
                refs(schemas.get(name), pending);
            }
        }
        schemas.keySet().retainAll(reached);
    }

    private static void refs(Object part, Deque<String> into) {
        if (part == null) {
            return;
        }
        Matcher m = REF.matcher(Json31.pretty(part));
        while (m.find()) {
            into.push(m.group(1));
        }
    }
}
