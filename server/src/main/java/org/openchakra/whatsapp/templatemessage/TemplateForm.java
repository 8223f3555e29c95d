package org.openchakra.whatsapp.templatemessage;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a person filled in for an approved template (the inbox's picker, a campaign step) as the body of a
 * template send (whatsapp.md §3), without the sender. The form's fields, each after {@code prefix}: {@code
 * body.<variable>}, {@code header.<variable>}, {@code button.<index>}, {@code headerUrl} (+ {@code filename}),
 * {@code otp}, and the location header's {@code latitude}, {@code longitude}, {@code locationName}, {@code
 * locationAddress}. Values are taken as written; the template send's checks judge them.
 */
public final class TemplateForm {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TemplateForm() {}

    public static ObjectNode body(TemplateOutline template, Map<String, String> form, String prefix) {
        ObjectNode body = JSON.objectNode();
        body.put("templateName", template.name());
        body.put("language", template.language());
        if (!template.authentication()) {
            // An authentication template's body variable is its code: otpCode fills it.
            body.set("mapping", mapping(template.bodyVariables(), prefix + "body.", form));
        }
        if (!template.headerVariables().isEmpty()) {
            body.set("headerMapping", mapping(template.headerVariables(), prefix + "header.", form));
        }
        ArrayNode buttons = JSON.arrayNode();
        for (Integer index : template.urlButtonsWithVariable()) {
            buttons.addObject()
                    .put("schemaPropertyName", String.valueOf(index))
                    .put("schemaPropertyValue", value(form, prefix + "button." + index));
        }
        if (!buttons.isEmpty()) {
            body.set("buttonMapping", buttons);
        }
        if (template.mediaHeader()) {
            String field = switch (template.headerFormat()) {
                case "IMAGE" -> "imageUrl";
                case "VIDEO" -> "videoUrl";
                default -> "documentUrl";
            };
            body.put(field, value(form, prefix + "headerUrl"));
            if ("DOCUMENT".equals(template.headerFormat())
                    && !value(form, prefix + "filename").isEmpty()) {
                body.put("filename", value(form, prefix + "filename"));
            }
        }
        if (template.locationHeader()) {
            body.put("locationLatitude", value(form, prefix + "latitude"));
            body.put("locationLongitude", value(form, prefix + "longitude"));
            body.put("locationName", value(form, prefix + "locationName"));
            body.put("locationAddress", value(form, prefix + "locationAddress"));
        }
        if (template.authentication()) {
            body.put("otpCode", value(form, prefix + "otp"));
        }
        return body;
    }

    private static ArrayNode mapping(List<String> variables, String prefix, Map<String, String> form) {
        ArrayNode mapping = JSON.arrayNode();
        for (String variable : variables) {
            mapping.addObject()
                    .put("schemaPropertyName", variable)
                    .put("schemaPropertyValue", value(form, prefix + variable));
        }
        return mapping;
    }

    private static String value(Map<String, String> form, String field) {
        String value = form.get(field);
        return value == null ? "" : value.strip();
    }
}
