package org.openchakra.app.campaigns;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchakra.app.PageTimes;
import org.openchakra.campaign.Campaign;
import org.openchakra.campaign.CampaignReport;
import org.openchakra.campaign.Recipient;
import tools.jackson.databind.JsonNode;

/** Campaigns, their numbers and their recipients as the pages show them: times in the person's zone. */
final class CampaignPageViews {

    private CampaignPageViews() {}

    /** A campaign with what may be done to it now. */
    record CampaignView(
            UUID id,
            String name,
            String kind,
            String status,
            String statusMessage,
            String sender,
            List<StepView> steps,
            String startAt,
            String createdAt,
            String startedAt,
            String completedAt,
            Integer throughputMps,
            boolean stopOnReply) {

        public boolean drip() {
            return Campaign.DRIP.equals(kind);
        }

        public boolean canStart() {
            return Campaign.DRAFT.equals(status);
        }

        public boolean canPause() {
            return Campaign.RUNNING.equals(status) || Campaign.SCHEDULED.equals(status);
        }

        public boolean canResume() {
            return Campaign.PAUSED.equals(status);
        }

        public boolean canCancel() {
            return !Campaign.COMPLETED.equals(status) && !Campaign.CANCELLED.equals(status);
        }

        /** The rule the service applies (campaigns.md §2): no recipient joins a completed or cancelled one. */
        public boolean acceptsRecipients() {
            return Campaign.takesRecipients(status);
        }

        /** While it sends, its report is reloaded often; afterwards, late delivery statuses still arrive. */
        public boolean live() {
            return Campaign.RUNNING.equals(status)
                    || Campaign.SCHEDULED.equals(status)
                    || Campaign.PAUSED.equals(status);
        }
    }

    /** A step: its template, the values its variables take, and (DRIP) its delay. */
    record StepView(int number, String template, String language, List<String> values, int delayMinutes) {}

    /** A row of the campaign list. */
    record CampaignRow(
            UUID id, String name, String kind, String status, String sender, Report report, String createdAt) {}

    /** counts and errorBreakdown (campaigns.md §1), and how far the campaign got. */
    record Report(Map<String, Long> counts, List<ErrorRow> attemptErrors, List<ErrorRow> deliveryErrors) {

        public long total() {
            return counts.getOrDefault("total", 0L);
        }

        /** Recipients whose part is done (neither waiting nor in a drip's middle). */
        public long done() {
            return total() - counts.getOrDefault("pending", 0L) - counts.getOrDefault("active", 0L);
        }
    }

    record ErrorRow(Object code, Object message, Object count) {}

    /** A recipient (an enrollment, for DRIP) with its latest step. */
    record RecipientRow(
            String phoneNumber,
            UUID lead,
            String status,
            String reason,
            Integer lastStep,
            String lastStepAt,
            String deliveryStatus,
            Integer errorCode,
            String errorMessage,
            int nextStep,
            String nextStepAt,
            String row,
            boolean removable) {}

    static CampaignView campaign(Campaign c, String sender, ZoneId zone) {
        List<StepView> steps = new java.util.ArrayList<>();
        for (int i = 0; i < c.steps().size(); i++) {
            Campaign.Step step = c.steps().get(i);
            JsonNode body = step.body();
            List<String> values = new java.util.ArrayList<>();
            for (String field : List.of("headerMapping", "mapping", "buttonMapping")) {
                body.path(field)
                        .forEach(m ->
                                values.add("{{" + m.path("schemaPropertyName").asString("") + "}} = "
                                        + m.path("schemaPropertyValue").asString("")));
            }
            for (String field : List.of("imageUrl", "videoUrl", "documentUrl")) {
                if (body.hasNonNull(field)) {
                    values.add(field + " = " + body.path(field).asString(""));
                }
            }
            steps.add(new StepView(
                    i + 1,
                    body.path("templateName").asString(""),
                    body.path("language").asString(""),
                    values,
                    step.delayMinutes()));
        }
        return new CampaignView(
                c.id(),
                c.name(),
                c.kind(),
                c.status(),
                c.statusMessage(),
                sender,
                steps,
                time(c.startAt(), zone),
                time(c.createdAt(), zone),
                time(c.startedAt(), zone),
                time(c.completedAt(), zone),
                c.throughputMps(),
                c.stopOnReply());
    }

    static Report report(CampaignReport.Numbers numbers) {
        return new Report(
                numbers.counts(),
                errors(numbers.errorBreakdown().get("attempt")),
                errors(numbers.errorBreakdown().get("delivery")));
    }

    private static List<ErrorRow> errors(List<Map<String, Object>> items) {
        return items == null
                ? List.of()
                : items.stream()
                        .map(e -> new ErrorRow(e.get("code"), e.get("message"), e.get("count")))
                        .toList();
    }

    static RecipientRow recipient(Recipient r, CampaignView campaign, ZoneId zone) {
        Recipient.Attempt last = r.lastStep();
        boolean removable =
                campaign.acceptsRecipients() && ("PENDING".equals(r.status()) || "ACTIVE".equals(r.status()));
        return new RecipientRow(
                r.phoneNumber(),
                r.leadId(),
                r.status(),
                r.reason(),
                last == null ? null : last.index() + 1,
                last == null ? "" : time(last.at(), zone),
                last == null ? null : last.deliveryStatus(),
                last == null ? null : last.errorCode(),
                last == null ? null : last.errorMessage(),
                r.nextStepIndex() + 1,
                time(r.nextStepAt(), zone),
                r.row() == null || r.row().isNull() || r.row().isEmpty()
                        ? ""
                        : r.row().toString(),
                removable);
    }

    static String time(Instant at, ZoneId zone) {
        return PageTimes.full(at, zone);
    }

    /** A time as a {@code datetime-local} field shows it. */
    static String localInput(Instant at, ZoneId zone) {
        return at == null
                ? ""
                : at.atZone(zone).toLocalDateTime().withSecond(0).withNano(0).toString();
    }
}
