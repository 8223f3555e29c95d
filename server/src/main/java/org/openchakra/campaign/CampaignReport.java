package org.openchakra.campaign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * A campaign's numbers (campaigns.md §1 {@code counts}, {@code errorBreakdown}): recipients by status, the
 * delivery status of each recipient's latest step, and the errors of its attempts and deliveries. Counting a
 * big campaign reads all its recipients, so each server keeps a campaign's numbers five times as long as they
 * took to count: a small campaign's are always fresh, a million recipients' are at most a few seconds old.
 */
@Component
public class CampaignReport {

    private static final int KEEP_FACTOR = 5;

    public record Numbers(Map<String, Long> counts, Map<String, List<Map<String, Object>>> errorBreakdown) {}

    private record Kept(Numbers numbers, long expiresAt) {}

    private final RecipientRepository recipients;
    private final Map<UUID, Kept> kept = new ConcurrentHashMap<>();

    CampaignReport(RecipientRepository recipients) {
        this.recipients = recipients;
    }

    public Numbers numbers(UUID campaignId) {
        long now = System.nanoTime();
        Kept hit = kept.get(campaignId);
        if (hit != null && hit.expiresAt() - now > 0) {
            return hit.numbers();
        }
        Numbers numbers = new Numbers(counts(campaignId), errors(campaignId));
        long took = System.nanoTime() - now;
        if (kept.size() > 10_000) {
            kept.clear();
        }
        kept.put(campaignId, new Kept(numbers, System.nanoTime() + took * KEEP_FACTOR));
        return numbers;
    }

    /** Forgets a campaign's numbers on this server (its recipients just changed here). */
    public void forget(UUID campaignId) {
        kept.remove(campaignId);
    }

    private Map<String, Long> counts(UUID campaignId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String key : List.of(
                "total",
                "pending",
                "active",
                "sent",
                "delivered",
                "read",
                "failed",
                "skipped",
                "stopped",
                "completed",
                "removed")) {
            counts.put(key, 0L);
        }
        for (RecipientRepository.Tally t : recipients.tally(campaignId)) {
            counts.merge("total", t.count(), Long::sum);
            if (!Recipient.FAILED.equals(t.status())) {
                counts.merge(t.status().toLowerCase(java.util.Locale.ROOT), t.count(), Long::sum);
            }
            if (Recipient.FAILED.equals(t.status()) || "FAILED".equals(t.deliveryStatus())) {
                counts.merge("failed", t.count(), Long::sum);
            } else if (t.deliveryStatus() != null && !"PENDING".equals(t.deliveryStatus())) {
                counts.merge(t.deliveryStatus().toLowerCase(java.util.Locale.ROOT), t.count(), Long::sum);
            }
        }
        return counts;
    }

    private Map<String, List<Map<String, Object>>> errors(UUID campaignId) {
        List<Map<String, Object>> attempt = new ArrayList<>();
        List<Map<String, Object>> delivery = new ArrayList<>();
        for (RecipientRepository.ErrorCount e : recipients.errors(campaignId)) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("code", e.code());
            item.put("message", e.message());
            item.put("count", e.count());
            (e.delivery() ? delivery : attempt).add(item);
        }
        Map<String, List<Map<String, Object>>> breakdown = new LinkedHashMap<>();
        breakdown.put("attempt", attempt);
        breakdown.put("delivery", delivery);
        return breakdown;
    }
}
