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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
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
            ObjectNode body = canonical((ObjectNode) item);
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

    private static final Set<String> MAPPINGS = Set.of("mapping", "headerMapping", "buttonMapping");
    private static final Set<String> COORDINATES = Set.of("locationLatitude", "locationLongitude");

    /**
     * The step as it is kept and shown: only the fields of a template send, in the types the template send
     * documents (mapping names and values as text, coordinates as numbers), unused ones ("" or 0, as forms
     * send them) left out. Checked afterwards like any template send body.
     */
    private static ObjectNode canonical(ObjectNode given) {
        ObjectNode step = JsonNodeFactory.instance.objectNode();
        for (String field : SEND_FIELDS) {
            JsonNode value = given.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            if (MAPPINGS.contains(field)) {
                if (value.isArray()) {
                    ArrayNode items = step.putArray(field);
                    for (JsonNode m : value.values()) {
                        ObjectNode mapping = items.addObject();
                        mapping.set("schemaPropertyName", textOf(m.get("schemaPropertyName")));
                        mapping.set("schemaPropertyValue", textOf(m.get("schemaPropertyValue")));
                    }
                } else if (!(value.isString() && value.stringValue().isEmpty())) {
                    step.set(field, value);
                }
            } else if (COORDINATES.contains(field)) {
                JsonNode number = numberOf(value);
                if (!(number.isNumber() && number.doubleValue() == 0)) {
                    step.set(field, number);
                }
            } else if (value.isString() ? !value.stringValue().isBlank() : !isZero(value)) {
                step.set(
                        field,
                        value.isString()
                                ? JsonNodeFactory.instance.stringNode(
                                        value.stringValue().strip())
                                : textOf(value));
            }
        }
        return step;
    }

    private static JsonNode textOf(JsonNode value) {
        if (value == null || value.isNull() || value.isString() || value.isContainer()) {
            return value == null ? JsonNodeFactory.instance.nullNode() : value;
        }
        return JsonNodeFactory.instance.stringNode(value.asString());
    }

    private static JsonNode numberOf(JsonNode value) {
        if (value.isString()) {
            try {
                return JsonNodeFactory.instance.numberNode(
                        new java.math.BigDecimal(value.stringValue().strip()));
            } catch (NumberFormatException notANumber) {
                return value;
            }
        }
        return value;
    }

    private static boolean isZero(JsonNode value) {
        return value.isNumber() && value.doubleValue() == 0;
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
