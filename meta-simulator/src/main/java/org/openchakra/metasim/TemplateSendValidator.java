package org.openchakra.metasim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Send-time template checks of spec 1.7 and 8.4: existence and approval (132001 → 404), paused/disabled
 * (132015/132016), parameter counts (132000), formats (132012), required values (131008) and the hydrated
 * body length (132005).
 */
final class TemplateSendValidator {

    private static final Set<String> BODY_TYPES = Set.of("text", "currency", "date_time", "image", "video", "document");
    private static final int MAX_HYDRATED_BODY = 1024;

    private final Simulation sim;
    private final ContentValidator content;

    TemplateSendValidator(Simulation sim, ContentValidator content) {
        this.sim = sim;
        this.content = content;
    }

    Template validate(JsonNode request, PhoneNumber number) {
        String name = Checks.requireText(request, "name", "template['name']");
        JsonNode language = Checks.requireObject(request, "language", "template['language']");
        String code = Checks.requireText(language, "code", "template['language']['code']");
        Template template = sim.templates
                .find(number.wabaId, name, code)
                .orElseThrow(() -> new GraphException(notFound(name, code)));
        switch (template.status()) {
            case "APPROVED" -> {}
            case "PAUSED" -> throw new GraphException(MetaError.of(132015, "Template " + name + " is paused."));
            case "DISABLED" -> throw new GraphException(MetaError.of(132016, "Template " + name + " is disabled."));
            default -> throw new GraphException(notFound(name, code));
        }
        TemplateShape shape = template.shape();
        Map<String, JsonNode> sections = new HashMap<>();
        Map<Integer, JsonNode> buttons = new HashMap<>();
        JsonNode components = request.get("components");
        if (components != null && !components.isNull()) {
            if (!components.isArray()) {
                throw new GraphException(MetaErrors.invalidParameter("Param template['components'] must be an array."));
            }
            for (JsonNode component : components) {
                String type = Checks.requireText(component, "type", "template['components'][]['type']")
                        .toLowerCase(Locale.ROOT);
                switch (type) {
                    case "header", "body" -> sections.put(type, component);
                    case "button" -> buttons.put(buttonIndex(component, shape), component);
                    default ->
                        throw new GraphException(MetaErrors.invalidParameter(
                                "Param template['components'][]['type'] must be one of {header, body, button} - got \""
                                        + type + "\"."));
                }
            }
        }
        checkHeader(shape, sections.get("header"), number);
        checkBody(shape, sections.get("body"));
        checkButtons(shape, buttons);
        return template;
    }

    private static MetaError notFound(String name, String code) {
        return MetaError.of(132001, "template name (" + name + ") does not exist in " + code);
    }

    private void checkHeader(TemplateShape shape, JsonNode component, PhoneNumber number) {
        List<JsonNode> params = parameters(component);
        String format = shape.headerFormat();
        if (format == null || format.equals("TEXT")) {
            int expected = shape.headerVars().size();
            if (params.size() != expected) {
                throw new GraphException(countMismatch("header", params.size(), expected));
            }
            checkTextParams("header", params, shape.named() ? shape.headerVars() : null);
            return;
        }
        String expectedType = format.toLowerCase(Locale.ROOT);
        if (params.isEmpty()) {
            throw new GraphException(MetaErrors.missing("header: Parameter of type " + expectedType + " is missing."));
        }
        if (params.size() != 1) {
            throw new GraphException(countMismatch("header", params.size(), 1));
        }
        JsonNode param = params.getFirst();
        String type = Json.text(param, "type");
        if (!expectedType.equals(type)) {
            throw new GraphException(MetaError.of(
                    132012,
                    "header: Format mismatch, expected " + format + ", received "
                            + (type == null ? "UNKNOWN" : type.toUpperCase(Locale.ROOT))));
        }
        JsonNode value = Checks.requireObject(param, type, "header parameter '" + type + "'");
        if (type.equals("location")) {
            content.location(value);
        } else {
            content.media(type, value, number);
        }
    }

    private static void checkBody(TemplateShape shape, JsonNode component) {
        List<JsonNode> params = parameters(component);
        int expected = shape.bodyVars().size();
        if (params.size() != expected) {
            throw new GraphException(countMismatch("body", params.size(), expected));
        }
        List<String> values = checkTextParams("body", params, shape.named() ? shape.bodyVars() : null);
        if (!shape.named()) {
            String hydrated = shape.hydrateBody(values);
            if (hydrated.length() > MAX_HYDRATED_BODY) {
                throw new GraphException(MetaError.of(
                        132005,
                        "body: hydrated text is " + hydrated.length() + " characters; the limit is " + MAX_HYDRATED_BODY
                                + "."));
            }
        }
    }

    /**
     * Checks each header/body parameter and returns the displayed values. Named templates need
     * {@code parameter_name} on every parameter, positional ones must not use it (spec 1.7).
     */
    private static List<String> checkTextParams(String section, List<JsonNode> params, List<String> names) {
        List<String> values = new ArrayList<>();
        for (JsonNode p : params) {
            String type = Checks.requireText(p, "type", section + " parameter 'type'");
            String parameterName = Json.text(p, "parameter_name");
            if (names != null && (parameterName == null || !names.contains(parameterName))) {
                throw new GraphException(MetaError.of(
                        132012,
                        section + ": named template expects parameter_name in " + names + "; got " + parameterName));
            }
            if (names == null && parameterName != null) {
                throw new GraphException(
                        MetaError.of(
                                132012,
                                section
                                        + ": parameter_name is only allowed for templates created with parameter_format NAMED"));
            }
            if (!BODY_TYPES.contains(type) && !type.equals("location")) {
                throw new GraphException(MetaError.of(132012, section + ": unsupported parameter type " + type));
            }
            switch (type) {
                case "text" -> {
                    String text = Json.text(p, "text");
                    if (text == null) {
                        throw new GraphException(MetaErrors.missing("Parameter of type text is missing text value"));
                    }
                    Checks.maxLength(text, 32768, section + " text parameter");
                    values.add(text);
                }
                case "currency" -> {
                    JsonNode currency = Checks.requireObject(p, "currency", section + " parameter 'currency'");
                    values.add(Checks.requireText(currency, "fallback_value", "currency['fallback_value']"));
                    Checks.requireText(currency, "code", "currency['code']");
                    Checks.requireText(currency, "amount_1000", "currency['amount_1000']");
                }
                case "date_time" -> {
                    JsonNode dateTime = Checks.requireObject(p, "date_time", section + " parameter 'date_time'");
                    values.add(Checks.requireText(dateTime, "fallback_value", "date_time['fallback_value']"));
                }
                default -> values.add("");
            }
        }
        return values;
    }

    private static void checkButtons(TemplateShape shape, Map<Integer, JsonNode> sent) {
        for (TemplateShape.Button button : shape.buttons()) {
            JsonNode component = sent.get(button.index());
            if (!button.needsParameter()) {
                continue;
            }
            List<JsonNode> params = parameters(component);
            if (params.isEmpty()) {
                throw new GraphException(MetaErrors.missing("buttons: Button at index " + button.index() + " of type "
                        + button.type() + " requires a parameter."));
            }
            JsonNode param = params.getFirst();
            String type = Json.text(param, "type");
            String value = type == null ? null : Json.text(param, type);
            if (value == null || value.isEmpty()) {
                throw new GraphException(MetaErrors.missing("buttons: Button at index " + button.index()
                        + " is missing its " + (type == null ? "parameter" : type) + " value."));
            }
        }
    }

    /** Spec 9 #5: {@code index} may be {@code "0"} or {@code 0}; it must name an existing button. */
    private static int buttonIndex(JsonNode component, TemplateShape shape) {
        String raw = Checks.requireText(component, "index", "template button 'index'");
        Checks.requireText(component, "sub_type", "template button 'sub_type'");
        int index;
        try {
            index = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new GraphException(
                    MetaErrors.invalidParameter("Param index must be an integer; got \"" + raw + "\"."));
        }
        if (index < 0 || index >= shape.buttons().size()) {
            throw new GraphException(
                    MetaErrors.notValid("buttons: the template has no button at index " + index + "."));
        }
        return index;
    }

    private static List<JsonNode> parameters(JsonNode component) {
        List<JsonNode> out = new ArrayList<>();
        if (component != null) {
            component.path("parameters").forEach(out::add);
        }
        return out;
    }

    private static MetaError countMismatch(String section, int got, int expected) {
        return MetaError.of(
                132000,
                section + ": number of localizable_params (" + got + ") does not match the expected number of params ("
                        + expected + ")");
    }
}
