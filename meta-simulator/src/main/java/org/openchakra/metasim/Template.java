package org.openchakra.metasim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** One template in one language. Name, language and id are fixed; review state and content can change. */
final class Template {

    final String id;
    final String wabaId;
    final String name;
    final String language;
    final Instant createdAt;
    final List<Instant> approvedEdits = new ArrayList<>();
    private String category;
    private String status;
    private String parameterFormat;
    private ArrayNode components;
    private boolean paced;

    Template(
            String id,
            String wabaId,
            String name,
            String language,
            String category,
            String status,
            String parameterFormat,
            ArrayNode components,
            boolean paced,
            Instant createdAt) {
        this.id = id;
        this.wabaId = wabaId;
        this.name = name;
        this.language = language;
        this.category = category.toUpperCase(Locale.ROOT);
        this.status = status.toUpperCase(Locale.ROOT);
        this.parameterFormat = parameterFormat.toUpperCase(Locale.ROOT);
        this.components = components;
        this.paced = paced;
        this.createdAt = createdAt;
    }

    synchronized String category() {
        return category;
    }

    synchronized String status() {
        return status;
    }

    synchronized String parameterFormat() {
        return parameterFormat;
    }

    synchronized ArrayNode components() {
        return components.deepCopy();
    }

    synchronized boolean paced() {
        return paced;
    }

    synchronized void status(String newStatus) {
        this.status = newStatus;
    }

    synchronized void edit(String newCategory, ArrayNode newComponents) {
        if (newCategory != null) {
            this.category = newCategory.toUpperCase(Locale.ROOT);
        }
        if (newComponents != null) {
            this.components = newComponents;
        }
    }

    /** Variables and buttons as the send-time checks need them. */
    synchronized TemplateShape shape() {
        return TemplateShape.of(components, category, "NAMED".equals(parameterFormat));
    }

    /** The Graph object (spec 3.1), limited to {@code fields} when given; {@code id} is always present. */
    synchronized ObjectNode toJson(Collection<String> fields) {
        ObjectNode all = Json.object();
        all.put("name", name);
        all.put("parameter_format", parameterFormat);
        all.set("components", components.deepCopy());
        all.put("language", language);
        all.put("status", status);
        all.put("category", category);
        if (category.equals("MARKETING")) {
            all.put("sub_category", "CUSTOM");
        }
        all.put("id", id);
        if (fields == null || fields.isEmpty()) {
            return all;
        }
        ObjectNode picked = Json.object();
        for (String field : fields) {
            JsonNode value = all.get(field);
            if (value != null && !field.equals("id")) {
                picked.set(field, value);
            }
        }
        picked.put("id", id);
        return picked;
    }
}
