package org.openchakra.job;

import java.time.Instant;
import java.util.UUID;

/** A background job (platform.md §5): one bulk request, worked entry by entry. */
record BackgroundJob(
        UUID id,
        UUID teamId,
        String type,
        UUID procedureId,
        String completionStatus,
        String statusMessage,
        Instant createdAt,
        Instant updatedAt,
        Instant startedAt,
        Instant completedAt) {

    public static final String BULK_CREATE = "bulk_create_process";
    public static final String BULK_UPDATE = "bulk_update_process";

    public boolean isFinished() {
        return completionStatus.equals("COMPLETED") || completionStatus.equals("FAILED");
    }
}
