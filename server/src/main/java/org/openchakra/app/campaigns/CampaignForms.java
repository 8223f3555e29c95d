package org.openchakra.app.campaigns;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openchakra.app.AppMessages;
import org.openchakra.web.ApiException;
import org.openchakra.whatsapp.templatemessage.TemplateForm;
import org.openchakra.whatsapp.templatemessage.TemplateOutline;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The campaign form (inbox.md §2.6) read into the body the campaigns API takes (campaigns.md §2), so that the
 * page and the API share every check after the few only a form can get wrong (a value that is not a number, a
 * template not among the sender's). Steps are fields {@code steps[i].<field>}: {@code template} ("name|language"),
 * {@code delayMinutes}, and the template's variables as {@link TemplateForm} names them.
 */
@Component
class CampaignForms {

    static final int MAX_STEPS = 20;
    private static final Pattern STEP_FIELD = Pattern.compile("^steps\\[(\\d{1,2})]\\.template$");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final SenderNumbers senders;
    private final AppMessages messages;
    private final JsonMapper json;

    CampaignForms(SenderNumbers senders, AppMessages messages, JsonMapper json) {
        this.senders = senders;
        this.messages = messages;
        this.json = json;
    }

    /** The body of {@code POST /v1/admin/campaigns} from the form; a field only a form gets wrong is a 400. */
    ObjectNode campaign(UUID teamId, Map<String, String> form) {
        ObjectNode body = JSON.objectNode();
        body.put("name", form.getOrDefault("name", "").strip());
        String kind = form.getOrDefault("kind", "");
        body.put("kind", kind);
        SenderNumbers.Sender sender = senders.parse(teamId, form.get("sender"));
        body.put("pluginId", sender.pluginId().toString());
        body.put("whatsappPhoneNumberId", sender.numberId());
        Integer mps = integer(form, "throughputMps", 1, 10_000);
        if (mps != null) {
            body.put("throughputMps", mps);
        }
        if ("DRIP".equals(kind)) {
            body.put("stopOnReply", form.containsKey("stopOnReply"));
        }
        body.set("steps", steps(teamId, sender, "DRIP".equals(kind), form));
        return body;
    }

    private ArrayNode steps(UUID teamId, SenderNumbers.Sender sender, boolean drip, Map<String, String> form) {
        TreeSet<Integer> indexes = new TreeSet<>();
        for (String key : form.keySet()) {
            Matcher m = STEP_FIELD.matcher(key);
            if (m.matches()) {
                indexes.add(Integer.parseInt(m.group(1)));
            }
        }
        if (indexes.isEmpty()) {
            throw ApiException.badRequest("steps", messages.text("campaign.form.noStep"));
        }
        if (indexes.size() > MAX_STEPS) {
            throw ApiException.badRequest("steps", messages.text("campaign.form.tooManySteps", MAX_STEPS));
        }
        List<TemplateOutline> templates = senders.templates(teamId, sender);
        ArrayNode steps = JSON.arrayNode();
        int number = 0;
        for (int i : indexes) {
            number++;
            String prefix = "steps[" + i + "].";
            TemplateOutline template = template(templates, form.get(prefix + "template"), prefix, number);
            ObjectNode step = TemplateForm.body(template, form, prefix);
            Integer delay = drip ? integer(form, prefix + "delayMinutes", 0, 525_600) : null;
            step.put("delayMinutes", delay == null ? 0 : delay);
            steps.add(step);
        }
        return steps;
    }

    /** The template a step's select names ("name|language"), among the sender's approved ones. */
    TemplateOutline template(List<TemplateOutline> templates, String value, String prefix, int number) {
        String chosen = value == null ? "" : value.strip();
        if (chosen.isEmpty()) {
            throw ApiException.badRequest(
                    prefix + "template", messages.text("campaign.form.chooseTemplate.step", number));
        }
        return find(templates, chosen)
                .orElseThrow(() -> ApiException.badRequest(
                        prefix + "template", messages.text("campaign.form.templateUnknown", number)));
    }

    static java.util.Optional<TemplateOutline> find(List<TemplateOutline> templates, String value) {
        return templates.stream()
                .filter(t -> (t.name() + "|" + t.language()).equals(value))
                .findFirst();
    }

    /** An optional whole number from {@code min} to {@code max}; empty is null; anything else a 400 naming it. */
    Integer integer(Map<String, String> form, String field, int min, int max) {
        String value = form.getOrDefault(field, "").strip();
        if (value.isEmpty()) {
            return null;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        throw ApiException.badRequest(field, messages.text("campaign.form.number", field, min, max));
    }

    /** A {@code datetime-local} value in the person's zone; empty is null; anything else a 400 naming it. */
    Instant time(String value, String field, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw ApiException.badRequest(field, messages.text("campaign.form.time", field));
        }
    }

    /**
     * A process query (campaigns.md §2): {@code procedure} (default {@code lead}) and its {@code where}, given as
     * JSON, or else built from up to three {@code key<n>} = {@code value<n>} pairs (all must hold).
     */
    ObjectNode query(Map<String, String> form) {
        ObjectNode body = JSON.objectNode();
        String procedure = form.getOrDefault("procedure", "").strip();
        body.put("procedure", procedure.isEmpty() ? "lead" : procedure);
        String where = form.getOrDefault("where", "").strip();
        if (!where.isEmpty()) {
            tools.jackson.databind.JsonNode parsed;
            try {
                parsed = json.readTree(where);
            } catch (RuntimeException e) {
                throw ApiException.badRequest("where", messages.text("campaign.recipients.whereJson"));
            }
            if (!parsed.isObject()) {
                throw ApiException.badRequest("where", messages.text("campaign.recipients.whereJson"));
            }
            body.set("where", parsed);
            return body;
        }
        ObjectNode pairs = body.putObject("where");
        for (int i = 1; i <= 3; i++) {
            String key = form.getOrDefault("key" + i, "").strip();
            String value = form.getOrDefault("value" + i, "").strip();
            if (key.isEmpty() && !value.isEmpty()) {
                throw ApiException.badRequest("key" + i, messages.text("campaign.recipients.keyRequired"));
            }
            if (!key.isEmpty()) {
                pairs.put(key, value);
            }
        }
        return body;
    }

    /** Pasted numbers, one a line (or separated by commas or semicolons), as the API's recipient list. */
    static ObjectNode pasted(String text) {
        ObjectNode body = JSON.objectNode();
        ArrayNode list = body.putArray("recipients");
        List<String> numbers = new ArrayList<>();
        for (String part : (text == null ? "" : text).split("[\\r\\n,;]+")) {
            if (!part.isBlank()) {
                numbers.add(part.strip());
            }
        }
        numbers.forEach(n -> list.addObject().put("phoneNumber", n));
        return body;
    }
}
