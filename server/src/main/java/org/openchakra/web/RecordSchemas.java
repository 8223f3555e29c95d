package org.openchakra.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns the records of {@link ApiOperation} into JSON Schemas (OpenAPI 3.1). Two rules beyond swagger-core's:
 *
 * <ul>
 *   <li>In an answer every field is always present (the views write nulls too), so every component is
 *       required unless it says {@code @Schema(requiredMode = NOT_REQUIRED)}; it may be null only when it is
 *       {@code @Nullable}.
 *   <li>In a request body a field that is not required (or is {@code @Nullable}) may also be null:
 *       {@link JsonFields} reads null as absent, or as "clear" where a value can be cleared.
 * </ul>
 *
 * Bodies and answers are therefore resolved apart ({@link Use}), and a record must not serve as both.
 */
final class RecordSchemas {

    enum Use {
        BODY,
        ANSWER
    }

    private final ModelConverters converters = new ModelConverters(true);

    RecordSchemas(Use use) {
        converters.addConverter(new Rules(use));
    }

    /** The schema of {@code type} (a $ref for a record) and every named schema it uses. */
    ResolvedSchema resolve(Class<?> type) {
        return converters.resolveAsResolvedSchema(new AnnotatedType(type).resolveAsRef(true));
    }

    private record Rules(Use use) implements ModelConverter {

        @Override
        public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
            if (!chain.hasNext()) {
                return null;
            }
            Schema<?> schema = chain.next().resolve(type, context, chain);
            Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
            if (schema == null || !raw.isRecord()) {
                return schema;
            }
            Schema<?> model = schema.get$ref() == null
                    ? schema
                    : context.getDefinedModels().get(NamedSchemas.refName(schema.get$ref()));
            if (model != null && model.getProperties() != null) {
                apply(raw, model);
            }
            return schema;
        }

        private void apply(Class<?> record, Schema<?> model) {
            List<String> required = new ArrayList<>(model.getRequired() == null ? List.of() : model.getRequired());
            for (RecordComponent component : record.getRecordComponents()) {
                String name = wireName(component);
                Schema<?> property = model.getProperties().get(name);
                if (property == null) {
                    continue;
                }
                boolean nullable;
                if (use == Use.ANSWER) {
                    if (!optional(component) && !required.contains(name)) {
                        required.add(name);
                    }
                    nullable = isNullable(component);
                } else {
                    nullable = !required.contains(name) || isNullable(component);
                }
                if (nullable) {
                    model.getProperties().put(name, orNull(property));
                }
            }
            model.setRequired(required.isEmpty() ? null : required);
        }
    }

    /** {@code schema}, or null: a type list gains "null"; a reference becomes {@code anyOf [ref, null]}. */
    static Schema<?> orNull(Schema<?> schema) {
        if (schema.get$ref() != null) {
            JsonSchema nullable = new JsonSchema();
            nullable.addAnyOfItem(new JsonSchema().$ref(schema.get$ref()));
            nullable.addAnyOfItem(new JsonSchema().types(Set.of("null")));
            nullable.setDescription(schema.getDescription());
            return nullable;
        }
        Set<String> types = new LinkedHashSet<>();
        if (schema.getTypes() != null) {
            types.addAll(schema.getTypes());
        } else if (schema.getType() != null) {
            types.add(schema.getType());
        }
        if (!types.isEmpty()) {
            types.add("null");
            schema.setTypes(types);
        }
        return schema;
    }

    private static String wireName(RecordComponent component) {
        JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
        return renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
    }

    private static boolean optional(RecordComponent component) {
        io.swagger.v3.oas.annotations.media.Schema schema =
                component.getAccessor().getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
        return schema != null
                && schema.requiredMode() == io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;
    }

    /** JSpecify's {@code @Nullable} is a type annotation; a declaration one of the same name counts too. */
    private static boolean isNullable(RecordComponent component) {
        return Stream.of(
                        component.getAnnotatedType().getAnnotations(),
                        component.getAccessor().getAnnotations(),
                        component.getAnnotations())
                .flatMap(Stream::of)
                .map(Annotation::annotationType)
                .anyMatch(type -> type.getSimpleName().equals("Nullable"));
    }

    /** The named schemas of {@code resolved} (swagger-core's map is of raw schemas). */
    static Map<String, Schema<?>> named(ResolvedSchema resolved) {
        Map<String, Schema<?>> named = new java.util.TreeMap<>();
        if (resolved.referencedSchemas != null) {
            resolved.referencedSchemas.forEach(named::put);
        }
        return named;
    }
}
