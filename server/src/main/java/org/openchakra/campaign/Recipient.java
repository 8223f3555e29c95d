package org.openchakra.campaign;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A campaign recipient (an enrollment, for DRIP), campaigns.md §1, with its latest step and, when read one
 * at a time or by page, the history of its steps.
 */
public record Recipient(
        UUID id,
        UUID campaignId,
        String phoneNumber,
        UUID leadId,
        UUID processId,
        JsonNode row,
        String status,
        String reason,
        int nextStepIndex,
        Instant nextStepAt,
        Attempt lastStep,
        List<Attempt> history,
        Instant createdAt,
        Instant updatedAt) {

    static final String PENDING = "PENDING";
    static final String ACTIVE = "ACTIVE";
    static final String COMPLETED = "COMPLETED";
    static final String STOPPED = "STOPPED";
    static final String REMOVED = "REMOVED";
    static final String SKIPPED = "SKIPPED";
    static final String FAILED = "FAILED";
    public static final List<String> STATUSES = List.of(PENDING, ACTIVE, COMPLETED, STOPPED, REMOVED, SKIPPED, FAILED);

    static final String REPLIED = "REPLIED";
    static final String OPTED_OUT = "OPTED_OUT";
    static final String CANCELLED = "CANCELLED";
    static final String META_ERROR = "META_ERROR";
    static final String MAPPING = "MAPPING";
    static final String UNKNOWN_OUTCOME = "UNKNOWN_OUTCOME";
    static final String NO_LEAD = "NO_LEAD";

    /**
     * One step sent (or being sent) to the recipient: the attempt claimed for it and the chat message it made.
     * {@code status}: SENDING, SENT, RETRYING, FAILED or UNKNOWN; {@code deliveryStatus}: the message's.
     */
    public record Attempt(
            UUID id,
            int index,
            String status,
            Instant at,
            UUID chatMessageId,
            String externalId,
            String deliveryStatus,
            Integer errorCode,
            String errorMessage) {}

    Recipient withHistory(List<Attempt> steps) {
        return new Recipient(
                id,
                campaignId,
                phoneNumber,
                leadId,
                processId,
                row,
                status,
                reason,
                nextStepIndex,
                nextStepAt,
                lastStep,
                steps,
                createdAt,
                updatedAt);
    }
}
