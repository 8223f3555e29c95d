package org.openchakra.whatsapp.template;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * The template pass-through (whatsapp.md §4) and the plugin sync as the OpenAPI document shows them; the query
 * strings are passed to Meta as they are.
 */
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

    @Schema(description = "How many phone numbers and templates the sync read from Meta.")
    record SyncCounts(int phoneNumbers, int templates) {}
}
