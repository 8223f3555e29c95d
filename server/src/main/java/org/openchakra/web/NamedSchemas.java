package org.openchakra.web;

import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The named schemas of one OpenAPI document, each defined once: two different records of one name are a
 * mistake, and so is one record resolved both as a body and as an answer (their rules differ).
 */
final class NamedSchemas {

    private final Map<String, Schema<?>> named = new TreeMap<>();

    Map<String, Schema<?>> all() {
        return named;
    }

    /** Adds what {@code resolved} names; answers its schema (a reference for a record). */
    Schema<?> add(ResolvedSchema resolved) {
        RecordSchemas.named(resolved).forEach(this::put);
        return resolved.schema;
    }

    void put(String name, Schema<?> schema) {
        Schema<?> before = named.putIfAbsent(name, schema);
        if (before != null && !before.equals(schema)) {
            throw new IllegalStateException("Two different schemas are named " + name
                    + ": give one record another @Schema(name), and never use one record for both a body and"
                    + " an answer");
        }
    }

    /** {@code {_data, _meta, _errors}} around the answer's records, named after them. */
    Schema<?> envelope(ApiOperation doc, RecordSchemas answers) {
        Schema<?> data = doc.data() == Void.class
                ? new JsonSchema().description("Always null.")
                : add(answers.resolve(doc.data()));
        Schema<?> meta =
                doc.meta() == Void.class ? new JsonSchema().types(Set.of("object")) : add(answers.resolve(doc.meta()));
        String name = (doc.data() == Void.class ? "Empty" : nameOf(data, doc.data()))
                + (doc.meta() == Void.class ? "" : "With" + nameOf(meta, doc.meta()))
                + "Answer";
        JsonSchema envelope = new JsonSchema();
        envelope.types(Set.of("object"));
        envelope.setDescription("The envelope of README §3 around a successful answer.");
        envelope.addProperty("_data", data);
        envelope.addProperty("_meta", meta);
        JsonSchema errors = new JsonSchema();
        errors.setTypes(Set.of("array"));
        errors.setItems(new JsonSchema().types(Set.of("string")));
        errors.setDescription("Empty on success.");
        envelope.addProperty("_errors", errors);
        envelope.setRequired(List.of("_data", "_meta", "_errors"));
        put(name, envelope);
        return new JsonSchema().$ref(ref(name));
    }

    private static String nameOf(Schema<?> schema, Class<?> type) {
        if (schema.get$ref() != null) {
            return refName(schema.get$ref());
        }
        if (schema.getItems() != null && schema.getItems().get$ref() != null) {
            return nameOf(schema.getItems(), type.getComponentType()) + "List";
        }
        throw new IllegalStateException(type + " is not a record or an array of records: "
                + "wrap _data and _meta in a record so that the envelope can be named after it");
    }

    static String ref(String name) {
        return "#/components/schemas/" + name;
    }

    static String refName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    static Content content(String mediaType, Schema<?> schema) {
        return new Content().addMediaType(mediaType, new MediaType().schema(schema));
    }
}
