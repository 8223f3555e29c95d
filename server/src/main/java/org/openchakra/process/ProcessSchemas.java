package org.openchakra.process;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The bodies and answers of the process endpoints as the OpenAPI document shows them ({@code ApiOperation}):
 * {@link ProcessRules} and {@link ProcessService} read the bodies, {@link ProcessViews} writes the process.
 */
final class ProcessSchemas {

    private ProcessSchemas() {}

    @Schema(name = "Process", description = "A process (platform.md §4): one lead, ticket or visit.")
    record ProcessAnswer(
            UUID id,
            long createdAt,
            long updatedAt,
            UUID team,
            UUID procedure,

            @Schema(description = "The user who made it; null when an API key did.") @Nullable
            UUID createdBy,

            @Nullable UUID assignedTo,
            @Nullable UUID belongsTo,
            @Nullable String entity,

            @Schema(description = "The customer record's id.") @Nullable
            UUID record,

            @Schema(allowableValues = {"OPEN", "COMPLETED", "CANCELLED"})
            String status,

            @Schema(description = "The state's shortId.") String state,

            @Schema(description = "Attribute values by attribute shortId.")
            Map<String, Object> data,

            @Nullable Map<String, Object> derivedData,

            @Schema(description = "Epoch milliseconds.") @Nullable
            Long nextActionAt,

            boolean isDeleted) {}

    @Schema(description = "Epoch-millisecond times also accept ISO-8601; numbers also accept numeric strings.")
    record NewProcess(
            @Schema(description = "Attribute values by attribute shortId, coerced to each attribute's type.")
            Map<String, Object> data,

            @Schema(description = "The customer record, deduplicated by phone number, then email.")
            CustomerRecord record,

            @Schema(
                    description = "Default OPEN (COMPLETED when the state is the completed state).",
                    allowableValues = {"OPEN", "COMPLETED", "CANCELLED"})
            String status,

            @Schema(description = "A state shortId; default the procedure's start state.")
            String state,

            @Schema(description = "Epoch milliseconds or ISO-8601.")
            Long nextActionAt,

            @Schema(description = "A username, primary email or user uuid.")
            String assignedTo,

            String entity) {}

    record CustomerRecord(String entity, Map<String, Object> data) {}

    @Schema(description = "A partial change: data is merged key by key (null removes a key).")
    record ProcessChange(
            Map<String, Object> data,
            CustomerRecord record,

            @Schema(allowableValues = {"OPEN", "COMPLETED", "CANCELLED"})
            String status,

            String state,

            @Schema(description = "Epoch milliseconds or ISO-8601; null clears it.")
            Long nextActionAt,

            @Schema(description = "A username, primary email or user uuid; null unassigns.")
            String assignedTo) {}

    record ProcessQuery(
            @Schema(
                    description = "The query language of platform.md §4: {key: value | [values] | {op: value}, or:"
                            + " [...], and: [...]}.")
            Map<String, Object> where,

            @Schema(description = "Default 0.") Integer skip,
            @Schema(description = "1-100, default 10.") Integer limit,

            @Schema(description = "{\"<key>\": \"asc\" | \"desc\"}; default createdAt descending.")
            Map<String, String> sort) {}

    record HasMore(boolean hasMore) {}

    record CreatedMeta(
            @Schema(
                    description = "True when a lead with this phone number was open and the data was merged into it.",
                    requiredMode = RequiredMode.NOT_REQUIRED)
            Boolean merged) {}

    record UpsertedMeta(
            @Schema(
                    description = "True when no lead had the number and one was made.",
                    requiredMode = RequiredMode.NOT_REQUIRED)
            Boolean created) {}
}
