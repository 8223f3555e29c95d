package org.openchakra.whatsapp.template;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** The query strings of the template pass-through (whatsapp.md §4), passed to Meta as they are. */
final class TemplateSchemas {

    private TemplateSchemas() {}

    @Schema(description = "Meta's listing parameters; any other of Meta's parameters passes through too.")
    record TemplateListQuery(
            @Schema(description = "Meta's field list, e.g. name,status,language,components.")
            String fields,

            Integer limit,
            @Schema(description = "Meta's paging cursor.") String after,
            @Schema(description = "Meta's paging cursor.") String before,
            String name,
            String status,
            String category,
            String language) {}

    record TemplateDeleteQuery(
            @Schema(requiredMode = RequiredMode.REQUIRED) String name,

            @Schema(description = "One template (language) of the name, by Meta's id.")
            String hsm_id) {}

    record TemplateReadQuery(
            @Schema(description = "Meta's field list.") String fields) {}
}
