package org.openchakra.metasim;

import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/** Builders of webhook {@code entry} items (spec 6.3, 6.7, 10). The dispatcher wraps them in the envelope. */
final class WebhookPayloads {

    private WebhookPayloads() {}

    /** A {@code messages}-field value with {@code messaging_product} and {@code metadata} filled in. */
    static ObjectNode messagesValue(PhoneNumber number) {
        ObjectNode value = Json.object();
        value.put("messaging_product", "whatsapp");
        ObjectNode metadata = value.putObject("metadata");
        metadata.put("display_phone_number", number.waId);
        metadata.put("phone_number_id", number.id);
        return value;
    }

    /** One entry with one change. {@code entry[].id} is the WABA id (spec 6.3). */
    static ObjectNode entry(String wabaId, String field, ObjectNode value) {
        ObjectNode entry = Json.object();
        entry.put("id", wabaId);
        ObjectNode change = entry.putArray("changes").addObject();
        change.put("field", field);
        change.set("value", value);
        return entry;
    }

    /** Spec 6.7: {@code time} and {@code message_template_id} are JSON integers here, unlike elsewhere. */
    static ObjectNode templateStatus(Template template, String event, String reason, Instant now) {
        ObjectNode value = Json.object();
        value.put("event", event);
        value.put("message_template_id", Long.parseLong(template.id));
        value.put("message_template_name", template.name);
        value.put("message_template_language", template.language);
        if (reason == null) {
            value.putNull("reason");
        } else {
            value.put("reason", reason);
        }
        value.put("message_template_category", template.category());
        if ("INVALID_FORMAT".equals(reason)) {
            ObjectNode info = value.putObject("rejection_info");
            info.put(
                    "reason",
                    "Your template has parameters placed next to each other (like {{1}}{{2}}) without text"
                            + " or punctuation between them.");
            info.put(
                    "recommendation",
                    "Separate parameters with descriptive text and ensure each parameter is clearly"
                            + " contextualized.");
        }
        ObjectNode entry = entry(template.wabaId, "message_template_status_update", value);
        entry.put("time", now.getEpochSecond());
        return entry;
    }

    static String epoch(Instant instant) {
        return Long.toString(instant.getEpochSecond());
    }
}
