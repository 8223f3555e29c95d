package org.openchakra.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.openchakra.web.ApiException;
import org.openchakra.web.ErrorDetail;
import org.openchakra.whatsapp.templatemessage.TemplateMessageService;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A campaign's {@code steps} (campaigns.md §1): each the body of a template send plus {@code delayMinutes},
 * read and checked with the template send's own rules. When a campaign is made or edited its templates must
 * exist in the sender's WABA (in any status); when it starts, each must be APPROVED and its mapping must fit,
 * the values of {@code {{row.…}}} and {@code {{process.…}}} references standing in. Problems name the step:
 * {@code steps[1].templateName}.
 */
@Component
class CampaignSteps {

    static final int MAX_STEPS = 20;
    /** A year: a longer wait between steps is surely a typo. */
    static final int MAX_DELAY_MINUTES = 525_600;

    /** The fields of a template send a step keeps (the sender is the campaign's). */
    private static final Set<String> SEND_FIELDS = Set.of(
            "templateName",
            "language",
            "languageCode",
            "mapping",
            "headerMapping",
            "buttonMapping",
            "imageUrl",
            "videoUrl",
            "documentUrl",
            "filename",
            "locationLatitude",
            "locationLongitude",
            "locationName",
            "locationAddress",
            "otpCode");

    private final TemplateMessageService templates;

    CampaignSteps(TemplateMessageService templates) {
        this.templates = templates;
    }

    /**
     * The steps of {@code node}, each checked against the plugin number's templates; problems are added to
     * {@code problems}. Answers null when the field is not a usable array (a problem says why).
     */
    List<Campaign.Step> read(
            JsonNode node,
            String kind,
            UUID teamId,
            UUID pluginId,
            String phoneNumberId,
            boolean checkTemplates,
            List<ErrorDetail> problems) {
        if (node == null || node.isNull()) {
            problems.add(ErrorDetail.invalid("steps", "'steps' is required"));
            return null;
        }
        if (!node.isArray() || node.isEmpty() || node.size() > MAX_STEPS) {
            problems.add(
                    ErrorDetail.invalid("steps", "'steps' must be an array of 1 to " + MAX_STEPS + " template sends"));
            return null;
        }
        if (Campaign.BROADCAST.equals(kind) && node.size() > 1) {
            problems.add(ErrorDetail.invalid("steps", "A BROADCAST has exactly one step, not " + node.size()));
            return null;
        }
        List<Campaign.Step> steps = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "steps[" + i + "]";
            JsonNode item = node.get(i);
            if (!item.isObject()) {
                problems.add(ErrorDetail.invalid(at, "'" + at + "' must be an object (a template send)"));
                continue;
            }
            Integer delay = delay(item, at, kind, problems);
            ObjectNode body = ((ObjectNode) item).deepCopy();
            body.retain(SEND_FIELDS);
            if (!body.has("templateName") || body.get("templateName").isNull()) {
                problems.add(ErrorDetail.invalid(at + ".templateName", "'" + at + ".templateName' is required"));
                continue;
            }
            if (checkTemplates) {
                check(teamId, pluginId, sendBody(body, phoneNumberId), false, at, problems);
            }
            if (delay != null) {
                steps.add(new Campaign.Step(body, delay));
            }
        }
        return steps;
    }

    /** campaigns.md §2: at start, every step's template APPROVED and its mapping fitting; 400 naming the step. */
    void checkForStart(Campaign campaign) {
        List<ErrorDetail> problems = new ArrayList<>();
        for (int i = 0; i < campaign.steps().size(); i++) {
            check(
                    campaign.teamId(),
                    campaign.pluginId(),
                    campaign.steps().get(i).sendBody(campaign.phoneNumberId()),
                    true,
                    "steps[" + i + "]",
                    problems);
        }
        if (!problems.isEmpty()) {
            throw new ApiException(org.springframework.http.HttpStatus.BAD_REQUEST, problems);
        }
    }

    private void check(
            UUID teamId, UUID pluginId, ObjectNode body, boolean approved, String at, List<ErrorDetail> problems) {
        try {
            templates.check(teamId, pluginId, body, approved, RecipientValues.probe());
        } catch (ApiException refused) {
            for (ErrorDetail d : refused.details()) {
                String field = d.field() == null ? at : at + "." + d.field();
                problems.add(new ErrorDetail(d.code(), at + ": " + d.message(), field));
            }
        }
    }

    private static Integer delay(JsonNode step, String at, String kind, List<ErrorDetail> problems) {
        JsonNode node = step.get("delayMinutes");
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isIntegralNumber()
                || !node.canConvertToInt()
                || node.intValue() < 0
                || node.intValue() > MAX_DELAY_MINUTES) {
            problems.add(ErrorDetail.invalid(
                    at + ".delayMinutes",
                    "'" + at + ".delayMinutes' must be a whole number of minutes from 0 to " + MAX_DELAY_MINUTES));
            return null;
        }
        if (Campaign.BROADCAST.equals(kind) && node.intValue() != 0) {
            problems.add(ErrorDetail.invalid(
                    at + ".delayMinutes", "A BROADCAST step has no delay: send it later with 'startAt'"));
            return null;
        }
        return node.intValue();
    }

    private static ObjectNode sendBody(ObjectNode step, String phoneNumberId) {
        return new Campaign.Step(step, 0).sendBody(phoneNumberId);
    }
}
