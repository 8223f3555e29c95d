package org.openchakra.campaign;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * A broadcast (one template to a list) or a drip sequence (templates a recipient walks through), campaigns.md
 * §1. {@code throughputMps} null means 80 % of the sender number's throughput.
 */
public record Campaign(
        UUID id,
        UUID teamId,
        String name,
        String kind,
        UUID pluginId,
        String phoneNumberId,
        String status,
        Instant startAt,
        List<Step> steps,
        boolean stopOnReply,
        Integer throughputMps,
        String statusMessage,
        Instant createdAt,
        Instant updatedAt,
        Instant startedAt,
        Instant completedAt) {

    public static final String BROADCAST = "BROADCAST";
    public static final String DRIP = "DRIP";
    public static final List<String> KINDS = List.of(BROADCAST, DRIP);

    public static final String DRAFT = "DRAFT";
    public static final String SCHEDULED = "SCHEDULED";
    public static final String RUNNING = "RUNNING";
    public static final String PAUSED = "PAUSED";
    public static final String COMPLETED = "COMPLETED";
    public static final String CANCELLED = "CANCELLED";
    public static final List<String> STATUSES = List.of(DRAFT, SCHEDULED, RUNNING, PAUSED, COMPLETED, CANCELLED);

    /** The share of the number's throughput a campaign takes when it sets no cap of its own. */
    static final double DEFAULT_SHARE = 0.8;

    /**
     * One step: the body of a template send (whatsapp.md §3) without the sender, which is the campaign's, and
     * the delay before it (DRIP: from enrollment for the first step, from the previous step for the others).
     */
    public record Step(ObjectNode body, int delayMinutes) {

        /** The template send body for the campaign's sender number. */
        ObjectNode sendBody(String phoneNumberId) {
            ObjectNode send = body.deepCopy();
            send.put("whatsappPhoneNumberId", phoneNumberId);
            return send;
        }
    }

    /**
     * Whether recipients may still be added in this status: not once COMPLETED (a broadcast that finished) or
     * CANCELLED (a DRIP never completes on its own, so it takes enrollments until cancelled).
     */
    public static boolean takesRecipients(String status) {
        return !COMPLETED.equals(status) && !CANCELLED.equals(status);
    }

    public boolean isDrip() {
        return DRIP.equals(kind);
    }

    /** The campaign's pace in messages per second, given its sender number's throughput. */
    int messagesPerSecond(int numberMps) {
        int pace = throughputMps != null ? throughputMps : (int) Math.floor(numberMps * DEFAULT_SHARE);
        return Math.max(1, Math.min(pace, numberMps));
    }
}
