package org.openchakra.job;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A background job (platform.md §5): one bulk request, worked entry by entry, or a job another feature works
 * (a campaign's big recipient list), which reports its outcome in {@code result}.
 */
public record BackgroundJob(
        UUID id,
        UUID teamId,
        String type,
        UUID procedureId,
        String completionStatus,
        String statusMessage,
        Instant createdAt,
        Instant updatedAt,
        Instant startedAt,
        Instant completedAt,
        JsonNode result) {

    public static final String BULK_CREATE = "bulk_create_process";
    public static final String BULK_UPDATE = "bulk_update_process";
    public static final String CAMPAIGN_RECIPIENTS = "campaign_recipients";

    public boolean isFinished() {
        return completionStatus.equals("COMPLETED") || completionStatus.equals("FAILED");
    }
}
