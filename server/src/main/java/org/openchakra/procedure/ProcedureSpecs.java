package org.openchakra.procedure;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.openchakra.web.JsonFields;
import tools.jackson.databind.JsonNode;

/**
 * Reads procedure parts (attributes, states, state tasks) from admin request bodies, with every
 * problem reported against its field path ({@code attributes.2.type}).
 */
final class ProcedureSpecs {

    static final Pattern SHORT_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");
    private static final int MAX_OPTIONS = 1_000;
    private static final int MAX_PADDING = 20;

    private ProcedureSpecs() {}

    static String shortId(JsonFields f, String field) {
        String value = f.requiredString(field, 63);
        if (value != null && !SHORT_ID.matcher(value).matches()) {
            f.problem(field, "'" + field + "' must start with a letter and hold only letters, digits and _");
            return null;
        }
        return value;
    }

    static Procedure.Attribute attribute(JsonFields f) {
        String shortId = shortId(f, "shortId");
        String name = f.string("name", 200).orElse(shortId);
        String type = f.oneOf("type", AttributeType.wireNames()).orElse(null);
        if (type == null && !f.has("type")) {
            f.problem("type", "'type' is required, one of " + AttributeType.wireNames());
        }
        boolean required = f.bool("required").orElse(false);
        List<JsonNode> options = f.has("options") ? options(f) : null;
        AttributeType attributeType =
                type == null ? null : AttributeType.of(type).orElse(null);
        if (attributeType != null && attributeType.hasOptions() && (options == null || options.isEmpty())) {
            f.problem("options", "'options' must list the allowed values of a " + type + " attribute");
        }
        Procedure.AutoId autoId = null;
        if (f.has("autoId") && !f.isNull("autoId")) {
            JsonFields a = f.object("autoId").map(JsonFields::of).orElse(null);
            if (a != null) {
                String prefix = a.string("prefix", 50).orElse("");
                int padding = a.integer("padding", 0, MAX_PADDING).orElse(0);
                a.check();
                autoId = new Procedure.AutoId(prefix, padding);
            }
            if (attributeType != null && attributeType != AttributeType.STRING_ID) {
                f.problem("autoId", "'autoId' applies to stringId attributes only");
            }
        }
        JsonNode defaultValue = f.isNull("defaultValue") ? null : f.raw("defaultValue");
        JsonNode schema = schema(f);
        return new Procedure.Attribute(
                UUID.randomUUID(), shortId, name, type, required, options, autoId, defaultValue, schema, false);
    }

    /** The attribute's JSON Schema, checked to be usable (and local-only) before it is stored. */
    static JsonNode schema(JsonFields f) {
        JsonNode schema = f.object("schema").orElse(null);
        if (schema != null) {
            JsonSchemas.problemWith(schema).ifPresent(problem -> f.problem("schema", problem));
        }
        return schema;
    }

    static List<JsonNode> options(JsonFields f) {
        JsonNode node = f.raw("options");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.size() > MAX_OPTIONS) {
            f.problem("options", "'options' must be an array of at most " + MAX_OPTIONS + " values");
            return null;
        }
        List<JsonNode> values = new ArrayList<>();
        for (JsonNode option : node.values()) {
            if (!(option.isString() || option.isIntegralNumber())) {
                f.problem("options", "'options' must hold strings or whole numbers");
                return null;
            }
            values.add(option);
        }
        return values;
    }

    static Procedure.State state(JsonFields f) {
        String shortId = shortId(f, "shortId");
        return new Procedure.State(
                UUID.randomUUID(), shortId, f.string("name", 200).orElse(shortId));
    }

    static Procedure.StateTask stateTask(JsonFields f) {
        String shortId = shortId(f, "shortId");
        String name = f.string("name", 200).orElse(shortId);
        List<Procedure.Attribute> attributes = list(f, "attributes", ProcedureSpecs::attribute);
        return new Procedure.StateTask(UUID.randomUUID(), shortId, name, attributes);
    }

    /** Each element of the array {@code field}, read by {@code reader}; problems carry the element's path. */
    static <T> List<T> list(JsonFields f, String field, java.util.function.Function<JsonFields, T> reader) {
        JsonNode node = f.raw(field);
        List<T> items = new ArrayList<>();
        if (node == null || node.isNull()) {
            return items;
        }
        if (!node.isArray()) {
            f.problem(field, "'" + field + "' must be an array");
            return items;
        }
        int i = 0;
        for (JsonNode element : node.values()) {
            String path = field + "." + i++;
            if (!element.isObject()) {
                f.problem(path, "'" + path + "' must be an object");
                continue;
            }
            JsonFields nested = JsonFields.of(element);
            T item = reader.apply(nested);
            nested.problems()
                    .forEach(p ->
                            f.problem(p.field() == null ? path : path + "." + p.field(), path + ": " + p.message()));
            items.add(item);
        }
        return items;
    }
}
