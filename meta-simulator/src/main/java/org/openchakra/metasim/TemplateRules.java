package org.openchakra.metasim;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creation and edit rules of spec 3.3. Failures answer code 100 with a template-management subcode and user
 * texts, the shape Meta uses for these errors (2388040 for length limits, 2388047 for header format).
 */
final class TemplateRules {

    static final Set<String> CATEGORIES = Set.of("MARKETING", "UTILITY", "AUTHENTICATION");
    private static final Set<String> HEADER_FORMATS = Set.of("TEXT", "IMAGE", "VIDEO", "GIF", "DOCUMENT", "LOCATION");
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,512}");
    private static final Pattern NAMED_VARIABLE = Pattern.compile("[a-z_]+");
    private static final Pattern POSITIONAL_VARIABLE = Pattern.compile("[1-9][0-9]*");

    private TemplateRules() {}

    static MetaError creationError(Integer subcode, String userTitle, String userMessage) {
        return new MetaError(
                400,
                100,
                subcode,
                "OAuthException",
                "Invalid parameter",
                "Invalid parameter",
                null,
                userTitle,
                userMessage,
                false);
    }

    static void checkName(String name) {
        if (name == null) {
            throw new GraphException(MetaErrors.requiredParameter("name"));
        }
        if (!NAME.matcher(name).matches()) {
            throw new GraphException(
                    creationError(
                            null,
                            "Invalid template name",
                            "Template names may only contain lowercase letters, numbers and underscores, up to 512 characters."));
        }
    }

    static String checkCategory(String category) {
        if (category == null) {
            throw new GraphException(MetaErrors.requiredParameter("category"));
        }
        String upper = category.toUpperCase(Locale.ROOT);
        if (!CATEGORIES.contains(upper)) {
            throw new GraphException(MetaErrors.invalidParameter(
                    "Param category must be one of {MARKETING, UTILITY, AUTHENTICATION} - got \"" + category + "\"."));
        }
        return upper;
    }

    /** Validates components and returns a copy with upper-case {@code type}/{@code format} values. */
    static ArrayNode checkComponents(JsonNode components, String category, boolean named) {
        if (components == null || !components.isArray()) {
            throw new GraphException(MetaErrors.requiredParameter("components"));
        }
        ArrayNode normalised = Json.array();
        boolean hasBody = false;
        for (JsonNode raw : components) {
            if (!raw.isObject()) {
                throw new GraphException(MetaErrors.invalidParameter("Each component must be an object."));
            }
            ObjectNode component = ((ObjectNode) raw).deepCopy();
            String type = TemplateShape.upper(Json.text(component, "type"));
            component.put("type", type);
            switch (type) {
                case "HEADER" -> checkHeader(component, category, named);
                case "BODY" -> {
                    hasBody = true;
                    checkBody(component, category, named);
                }
                case "FOOTER" -> checkLength(Json.text(component, "text"), 60, "Footer");
                case "BUTTONS" -> checkButtons(component);
                default ->
                    throw new GraphException(MetaErrors.invalidParameter(
                            "Param components[].type must be one of {HEADER, BODY, FOOTER, BUTTONS} - got \"" + type
                                    + "\"."));
            }
            normalised.add(component);
        }
        if (!hasBody) {
            throw new GraphException(
                    creationError(2388043, "Message template body is missing", "A template needs a BODY component."));
        }
        return normalised;
    }

    private static void checkHeader(ObjectNode header, String category, boolean named) {
        String format = TemplateShape.upper(Json.text(header, "format"));
        if (!HEADER_FORMATS.contains(format)) {
            throw new GraphException(creationError(
                    2388047,
                    "Message header format is invalid",
                    "Header format must be one of TEXT, IMAGE, VIDEO, GIF, DOCUMENT or LOCATION."));
        }
        header.put("format", format);
        if (format.equals("LOCATION") && category.equals("AUTHENTICATION")) {
            throw new GraphException(creationError(
                    2388047,
                    "Message header format is invalid",
                    "Location headers are only allowed for UTILITY and MARKETING templates."));
        }
        if (format.equals("TEXT")) {
            String text = Json.text(header, "text");
            checkLength(text, 60, "Header");
            List<String> variables = TemplateShape.variables(text);
            if (variables.size() > 1) {
                throw new GraphException(creationError(
                        2388047, "Message header format is invalid", "A text header may have at most one variable."));
            }
            checkVariableNames(variables, named);
        }
    }

    private static void checkBody(ObjectNode body, String category, boolean named) {
        String text = Json.text(body, "text");
        if (text == null) {
            if (category.equals("AUTHENTICATION")) {
                return; // Meta writes the body of authentication templates itself.
            }
            throw new GraphException(MetaErrors.requiredParameter("components[BODY].text"));
        }
        checkLength(text, 1024, "Body");
        checkVariableNames(TemplateShape.variables(text), named);
    }

    private static void checkButtons(ObjectNode buttonsComponent) {
        JsonNode buttons = buttonsComponent.path("buttons");
        if (!buttons.isArray() || buttons.isEmpty() || buttons.size() > 10) {
            throw new GraphException(creationError(2388040, "Too many buttons", "A template has 1 to 10 buttons."));
        }
        int quickReplies = 0;
        int urls = 0;
        int phones = 0;
        int copyCodes = 0;
        for (JsonNode button : buttons) {
            if (!button.isObject()) {
                throw new GraphException(MetaErrors.invalidParameter("Each button must be an object."));
            }
            String type = TemplateShape.upper(Json.text(button, "type"));
            ((ObjectNode) button).put("type", type);
            switch (type) {
                case "QUICK_REPLY" -> quickReplies++;
                case "URL" -> urls++;
                case "PHONE_NUMBER" -> {
                    phones++;
                    String number = Json.text(button, "phone_number");
                    if (number != null && number.length() > 20) {
                        throw new GraphException(creationError(
                                2388040, "Phone number too long", "Button phone numbers have at most 20 characters."));
                    }
                }
                case "COPY_CODE" -> copyCodes++;
                case "OTP", "FLOW", "MPM", "SPM", "VOICE_CALL", "CATALOG" -> {}
                default ->
                    throw new GraphException(MetaErrors.invalidParameter("Unknown button type \"" + type + "\"."));
            }
            String text = Json.text(button, "text");
            if (text != null && text.length() > 25) {
                throw new GraphException(
                        creationError(2388040, "Button text too long", "Button text has at most 25 characters."));
            }
        }
        if (quickReplies > 10 || urls > 2 || phones > 1 || copyCodes > 1) {
            throw new GraphException(creationError(
                    2388040,
                    "Too many buttons of one type",
                    "At most 10 quick replies, 2 URL buttons, 1 phone number button and 1 copy-code button."));
        }
    }

    private static void checkVariableNames(List<String> variables, boolean named) {
        for (String v : variables) {
            boolean ok = named
                    ? NAMED_VARIABLE.matcher(v).matches()
                    : POSITIONAL_VARIABLE.matcher(v).matches();
            if (!ok) {
                throw new GraphException(creationError(
                        2388019,
                        "Invalid variable",
                        named
                                ? "Named variables use lowercase letters and underscores, e.g. {{first_name}}."
                                : "Positional variables are numbered {{1}}, {{2}}, ..."));
            }
        }
    }

    private static void checkLength(String text, int max, String what) {
        if (text != null && text.length() > max) {
            throw new GraphException(creationError(
                    2388040,
                    "Message template character limit exceeded",
                    what + " text has at most " + max + " characters."));
        }
    }
}
