package org.openchakra.process;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The bulk bodies and the background jobs they make (platform.md §5) as the OpenAPI document shows them
 * ({@code ApiOperation}): {@link BulkJobService} and {@link BulkItems} read the bodies, the controller writes
 * the answers.
 */
final class JobSchemas {

    private JobSchemas() {}

    @Schema(
            description = "A create body (data, record, status, state, nextActionAt, assignedTo, entity); attribute"
                    + " values may also stand at the top level beside data.",
            additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    record BulkCreateItem(
            Map<String, Object> data,
            Map<String, Object> record,
            String status,
            String state,
            Long nextActionAt,
            String assignedTo,
            String entity) {}

    record BulkUpdate(
            @Schema(description = "Up to 100 000 items.") List<BulkUpdateItem> processes) {}

    @Schema(
            description = "Names its process by id or by the primary-key attribute (\"lead_id\": \"LEAD-001\") and"
                    + " carries the change nested in update or flat at the top level; isDeleted true deletes.",
            additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    record BulkUpdateItem(
            UUID id,

            @Schema(description = "data, state, status, assignedTo, nextActionAt, isDeleted.")
            Map<String, Object> update,

            Boolean isDeleted,
            Map<String, Object> data,
            String status,
            String state,
            Long nextActionAt,
            String assignedTo) {}

    @Schema(name = "BackgroundJob")
    record JobAnswer(
            UUID id,
            long createdAt,
            long updatedAt,
            @Nullable Long startedAt,
            @Nullable Long completedAt,

            @Schema(allowableValues = {"NOT_STARTED", "IN_PROGRESS", "COMPLETED", "FAILED"})
            String completionStatus,

            @Nullable String statusMessage,
            UUID team,

            @Schema(description = "bulk_create_process, bulk_update_process or campaign_recipients.")
            String type,

            @Nullable UUID procedure,

            @Schema(
                    requiredMode = Schema.RequiredMode.NOT_REQUIRED,
                    description = "What a job another module worked did, once COMPLETED (campaign_recipients:"
                            + " {campaign, added, duplicates, invalid}).")
            Map<String, Object> result) {}

    record JobCounts(
            @Schema(description = "Entries by completionStatus: INVALID, NOT_STARTED, SUCCESS, ERROR.")
            Map<String, Long> bjEntryCompletionStatusVsCount) {}

    @Schema(name = "JobEntry")
    record EntryAnswer(
            UUID id,

            @Schema(description = "The item's position in the request.")
            int index,

            @Schema(allowableValues = {"INVALID", "NOT_STARTED", "SUCCESS", "ERROR"})
            String completionStatus,

            @Schema(description = "The item as it was sent.")
            Object input,

            @Nullable UUID processId,
            @Nullable List<String> errors) {}

    record EntryPage(
            long total,

            @Schema(description = "The path of the next page, or null at the end.") @Nullable
            String next) {}
}
