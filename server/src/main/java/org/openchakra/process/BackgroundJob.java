package org.openchakra.process;

import static org.openchakra.web.TimeValues.millis;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A background job (platform.md §5): one bulk request, worked entry by entry, or a job another module works
 * (a campaign's big recipient list, {@link BackgroundJobs}), which reports its outcome in {@code result}.
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

    /** As the API shows it. */
    Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("createdAt", millis(createdAt));
        m.put("updatedAt", millis(updatedAt));
        m.put("startedAt", millis(startedAt));
        m.put("completedAt", millis(completedAt));
        m.put("completionStatus", completionStatus);
        m.put("statusMessage", statusMessage);
        m.put("team", teamId);
        m.put("type", type);
        m.put("procedure", procedureId);
        if (result != null) {
            m.put("result", result);
        }
        return m;
    }
}
