package org.openchakra.campaign;

import static org.openchakra.web.TimeValues.millis;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openchakra.web.TimeValues;
import tools.jackson.databind.node.ObjectNode;

/** Campaigns and recipients as the API shows them (campaigns.md §1): /v1 times in epoch milliseconds. */
final class CampaignViews {

    /** The columns of ChakraHQ's status report (campaigns.md §2), in order. */
    static final List<String> REPORT_COLUMNS = List.of(
            "lead",
            "phoneNumber",
            "status",
            "reason",
            "lastStepIndex",
            "lastStepAt",
            "lastStepStatus",
            "deliveryStatus",
            "errorCode",
            "errorMessage");

    private CampaignViews() {}

    static Map<String, Object> campaign(Campaign c, CampaignReport.Numbers numbers) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", c.id());
        v.put("team", c.teamId());
        v.put("name", c.name());
        v.put("kind", c.kind());
        v.put("pluginId", c.pluginId());
        v.put("whatsappPhoneNumberId", c.phoneNumberId());
        v.put("status", c.status());
        v.put("statusMessage", c.statusMessage());
        v.put("startAt", millis(c.startAt()));
        v.put("steps", c.steps().stream().map(CampaignViews::step).toList());
        v.put("stopOnReply", c.stopOnReply());
        v.put("throughputMps", c.throughputMps());
        v.put("counts", numbers.counts());
        v.put("errorBreakdown", numbers.errorBreakdown());
        v.put("createdAt", millis(c.createdAt()));
        v.put("updatedAt", millis(c.updatedAt()));
        v.put("startedAt", millis(c.startedAt()));
        v.put("completedAt", millis(c.completedAt()));
        return v;
    }

    private static ObjectNode step(Campaign.Step step) {
        ObjectNode v = step.body().deepCopy();
        v.put("delayMinutes", step.delayMinutes());
        return v;
    }

    static Map<String, Object> recipient(Recipient r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", r.id());
        v.put("campaign", r.campaignId());
        v.put("phoneNumber", r.phoneNumber());
        v.put("lead", r.leadId());
        v.put("process", r.processId());
        v.put("row", r.row());
        v.put("status", r.status());
        v.put("reason", r.reason());
        v.put("nextStepIndex", r.nextStepIndex());
        v.put("nextStepAt", millis(r.nextStepAt()));
        v.put("lastStep", r.lastStep() == null ? null : attempt(r.lastStep()));
        v.put(
                "history",
                r.history() == null
                        ? List.of()
                        : r.history().stream().map(CampaignViews::attempt).toList());
        v.put("createdAt", millis(r.createdAt()));
        v.put("updatedAt", millis(r.updatedAt()));
        return v;
    }

    private static Map<String, Object> attempt(Recipient.Attempt a) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("index", a.index());
        v.put("at", millis(a.at()));
        v.put("chatMessageId", a.chatMessageId());
        v.put("externalId", a.externalId());
        v.put("status", a.status());
        v.put("deliveryStatus", a.deliveryStatus());
        v.put("errorCode", a.errorCode());
        v.put("errorMessage", a.errorMessage());
        return v;
    }

    /** One report row, the values of {@link #REPORT_COLUMNS} as text (empty for none). */
    static List<String> reportRow(Recipient r) {
        Recipient.Attempt step = r.lastStep();
        return List.of(
                text(r.leadId()),
                r.phoneNumber(),
                r.status(),
                text(r.reason()),
                step == null ? "" : String.valueOf(step.index()),
                step == null || step.at() == null ? "" : TimeValues.iso(step.at(), ZoneOffset.UTC),
                step == null ? "" : text(step.status()),
                step == null ? "" : text(step.deliveryStatus()),
                step == null ? "" : text(step.errorCode()),
                step == null ? "" : text(step.errorMessage()));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
