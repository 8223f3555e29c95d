package org.openchakra.metasim;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * What a template expects at send time: header format and variables, body variables and text, and which
 * buttons need a parameter. Derived from the components in Meta's creation format.
 */
record TemplateShape(
        String headerFormat,
        String headerText,
        List<String> headerVars,
        String bodyText,
        List<String> bodyVars,
        List<Button> buttons,
        boolean named) {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

    /** Authentication templates built with {@code add_security_recommendation} get this text from Meta. */
    static final String AUTH_BODY = "*{{1}}* is your verification code.";

    /** A template button: {@code needsParameter} when a send must fill it (URL variable, coupon, OTP code). */
    record Button(int index, String type, boolean needsParameter) {}

    static TemplateShape of(ArrayNode components, String category, boolean named) {
        String headerFormat = null;
        String headerText = null;
        String bodyText = null;
        List<Button> buttons = new ArrayList<>();
        for (JsonNode component : components) {
            String type = upper(Json.text(component, "type"));
            switch (type) {
                case "HEADER" -> {
                    headerFormat = upper(Json.text(component, "format"));
                    headerText = Json.text(component, "text");
                }
                case "BODY" -> bodyText = Json.text(component, "text");
                case "BUTTONS" -> {
                    int index = 0;
                    for (JsonNode button : component.path("buttons")) {
                        String buttonType = upper(Json.text(button, "type"));
                        boolean needs = switch (buttonType) {
                            case "URL" -> {
                                String url = Json.text(button, "url");
                                yield url != null && url.contains("{{");
                            }
                            case "COPY_CODE" -> true;
                            case "OTP" -> !"ZERO_TAP".equals(upper(Json.text(button, "otp_type")));
                            default -> false;
                        };
                        buttons.add(new Button(index++, buttonType, needs));
                    }
                }
                default -> {}
            }
        }
        if (bodyText == null && "AUTHENTICATION".equals(category)) {
            bodyText = AUTH_BODY;
        }
        return new TemplateShape(
                headerFormat,
                headerText,
                variables(headerText),
                bodyText,
                variables(bodyText),
                List.copyOf(buttons),
                named);
    }

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

    /** Fills the body with the given values, in variable order, to check the hydrated length (132005). */
    String hydrateBody(List<String> values) {
        if (bodyText == null) {
            return "";
        }
        String out = bodyText;
        for (int i = 0; i < bodyVars.size() && i < values.size(); i++) {
            out = out.replaceAll(
                    "\\{\\{\\s*" + Pattern.quote(bodyVars.get(i)) + "\\s*}}", Matcher.quoteReplacement(values.get(i)));
        }
        return out;
    }

    static String upper(String s) {
        return s == null ? "" : s.toUpperCase(Locale.ROOT);
    }
}
