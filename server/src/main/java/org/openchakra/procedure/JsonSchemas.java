package org.openchakra.procedure;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * JSON Schema (2020-12) checks for {@code json} and {@code externalObject} attributes. Schemas may only
 * refer inside themselves ({@code "$ref": "#/..."}): a schema never makes the server fetch a URL.
 */
final class JsonSchemas {

    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final int MAX_CACHED = 1_000;
    private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();

    private JsonSchemas() {}

    /** Why {@code schema} cannot be used, or empty when it can. */
    static Optional<String> problemWith(JsonNode schema) {
        if (hasOutsideReference(schema)) {
            return Optional.of("'schema' may only use local references (\"$ref\": \"#/...\")");
        }
        try {
            compiled(schema);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("'schema' is not a valid JSON Schema: " + e.getMessage());
        }
    }

    /** The first violation of {@code schema} by {@code value}, or empty when it conforms. */
    static Optional<String> violation(JsonNode schema, JsonNode value) {
        List<Error> errors = compiled(schema).validate(value);
        return errors.isEmpty() ? Optional.empty() : Optional.of(errors.get(0).getMessage());
    }

    private static Schema compiled(JsonNode schema) {
        if (COMPILED.size() > MAX_CACHED) {
            COMPILED.clear();
        }
        return COMPILED.computeIfAbsent(schema.toString(), key -> REGISTRY.getSchema(schema));
    }

    private static boolean hasOutsideReference(JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                boolean ref = e.getKey().equals("$ref")
                        || e.getKey().equals("$dynamicRef")
                        || e.getKey().equals("$id");
                if (ref
                        && !(e.getValue().isString()
                                && e.getValue().stringValue().startsWith("#"))) {
                    return true;
                }
                if (hasOutsideReference(e.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node.values()) {
                if (hasOutsideReference(item)) {
                    return true;
                }
            }
        }
        return false;
    }
}
