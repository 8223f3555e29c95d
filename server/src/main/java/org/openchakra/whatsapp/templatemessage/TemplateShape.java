package org.openchakra.whatsapp.templatemessage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openchakra.whatsapp.template.CachedTemplate;
import tools.jackson.databind.JsonNode;

/**
 * What a cached template asks of a send, read from its components in Meta's format (meta-cloud-api.md
 * §3.1): the header's format and variables, the body's text and variables, the buttons that take a value.
 * Types and formats are compared without regard to case.
 */
record TemplateShape(
        String name,
        String language,
        boolean named,
        boolean authentication,
        Header header,
        String bodyText,
        List<String> bodyVariables,
        List<Button> buttons) {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");
    /** The body Meta writes for authentication templates, which are created without one. */
    static final String AUTHENTICATION_BODY = "*{{1}}* is your verification code.";

    /** {@code format} is TEXT, IMAGE, VIDEO, DOCUMENT, LOCATION (or GIF); null when there is no header. */
    record Header(String format, String text, List<String> variables) {}

    /** A button at its position; {@code urlVariable} when its URL ends in a variable the send fills. */
    record Button(int index, String type, String otpType, boolean urlVariable) {}

    static TemplateShape of(CachedTemplate template) {
        Header header = null;
        String bodyText = null;
        List<Button> buttons = new ArrayList<>();
        for (JsonNode component : template.components().values()) {
            switch (upper(component.path("type"))) {
                case "HEADER" -> {
                    String text = component.path("text").asString(null);
                    header = new Header(
                            upper(component.path("format")).isEmpty() ? "TEXT" : upper(component.path("format")),
                            text,
                            variables(text));
                }
                case "BODY" -> bodyText = component.path("text").asString(null);
                case "BUTTONS" -> {
                    for (JsonNode button : component.path("buttons").values()) {
                        String type = upper(button.path("type"));
                        boolean urlVariable = "URL".equals(type)
                                && !variables(button.path("url").asString(null)).isEmpty();
                        buttons.add(new Button(buttons.size(), type, upper(button.path("otp_type")), urlVariable));
                    }
                }
                default -> {
                    // FOOTER and anything Meta adds later ask nothing of a send.
                }
            }
        }
        boolean authentication = "AUTHENTICATION".equalsIgnoreCase(template.category());
        if (bodyText == null && authentication) {
            bodyText = AUTHENTICATION_BODY;
        }
        List<String> bodyVariables = variables(bodyText);
        boolean named = template.parameterFormat() != null
                ? "NAMED".equalsIgnoreCase(template.parameterFormat())
                : bodyVariables.stream().anyMatch(v -> !v.chars().allMatch(Character::isDigit));
        return new TemplateShape(
                template.name(),
                template.language(),
                named,
                authentication,
                header,
                bodyText,
                bodyVariables,
                List.copyOf(buttons));
    }

    /** The distinct variable names of a text, in order of appearance. */
    static List<String> variables(String text) {
        if (text == null) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return List.copyOf(names);
    }

    /** {@code text} with each {@code {{variable}}} replaced by its value (unknown ones left as written). */
    static String fill(String text, Map<String, String> values) {
        if (text == null) {
            return null;
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** How messages name this template: {@code 'order_update' (en_US)}. */
    String label() {
        return "'" + name + "' (" + language + ")";
    }

    private static String upper(JsonNode node) {
        return node.isString() ? node.stringValue().toUpperCase(Locale.ROOT) : "";
    }
}
