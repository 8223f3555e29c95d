package org.openchakra.whatsapp.template;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** A template as the local cache of a WABA holds it (whatsapp.md §4). */
public record CachedTemplate(
        String wabaId,
        String id,
        String name,
        String language,
        String status,
        String category,
        String parameterFormat,
        JsonNode components,
        Instant updatedAt) {

    public boolean approved() {
        return "APPROVED".equals(status);
    }
}
