package org.openchakra.whatsapp.templatemessage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openchakra.web.ApiException;
import org.openchakra.web.ErrorDetail;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds Meta's template {@code components} (meta-cloud-api.md §1.7) from a template's shape and a Chakra
 * send body (whatsapp.md §3). Every variable must get a value and every value must name a variable: the
 * problems of a body are all collected into one 400, before anything is sent.
 */
final class TemplateComponents {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Meta's {@code components}, and the body text with its variables filled (the message's {@code text}). */
    record Built(ArrayNode components, String bodyText) {}

    private final TemplateShape shape;
    private final TemplateMessageRequest request;
    private final ValueReferences references;
    private final List<ErrorDetail> problems = new ArrayList<>();
    private final ArrayNode components = NODES.arrayNode();

    private TemplateComponents(TemplateShape shape, TemplateMessageRequest request, ValueReferences references) {
        this.shape = shape;
        this.request = request;
        this.references = references;
    }

    static Built build(TemplateShape shape, TemplateMessageRequest request, ValueReferences references) {
        return new TemplateComponents(shape, request, references).build();
    }

    private Built build() {
        Map<String, String> mapping = values(request.mapping(), "mapping");
        Map<String, String> headerMapping = values(request.headerMapping(), "headerMapping");
        Map<String, String> buttonMapping = values(request.buttonMapping(), "buttonMapping");
        String otpCode = references.fill(request.otpCode(), "otpCode", problems);
        if (shape.authentication()) {
            // The code fills the body's {{1}} and the OTP button alike; a client may give it as mapping "1".
            otpCode = otpCode != null ? otpCode : mapping.get("1");
            mapping.remove("1");
        }
        header(headerMapping);
        String bodyText = body(mapping, otpCode);
        buttons(buttonMapping, otpCode);
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, problems);
        }
        return new Built(components, bodyText);
    }

    private void header(Map<String, String> headerMapping) {
        TemplateShape.Header header = shape.header();
        if (header == null || header.format().equals("TEXT")) {
            List<String> variables = header == null ? List.of() : header.variables();
            ArrayNode parameters = textParameters(variables, headerMapping, "headerMapping", "header");
            unknown(headerMapping.keySet(), variables, "headerMapping");
            if (!parameters.isEmpty()) {
                section("header").set("parameters", parameters);
            }
            return;
        }
        unknown(headerMapping.keySet(), List.of(), "headerMapping");
        ObjectNode parameter = NODES.objectNode();
        switch (header.format()) {
            case "IMAGE" -> media(parameter, "image", request.imageUrl(), "imageUrl");
            case "VIDEO" -> media(parameter, "video", request.videoUrl(), "videoUrl");
            case "DOCUMENT" -> {
                media(parameter, "document", request.documentUrl(), "documentUrl");
                if (request.filename() != null && parameter.has("document")) {
                    ((ObjectNode) parameter.get("document")).put("filename", request.filename());
                }
            }
            case "LOCATION" -> location(parameter);
            default ->
                problems.add(ErrorDetail.invalid(
                        null,
                        "Template " + shape.label() + " has " + withArticle(header.format())
                                + " header, which template sends cannot fill; send it in Meta's format"));
        }
        if (!parameter.isEmpty()) {
            section("header").putArray("parameters").add(parameter);
        }
    }

    private void media(ObjectNode parameter, String type, String url, String field) {
        if (url == null) {
            problems.add(ErrorDetail.invalid(
                    field,
                    "'" + field + "' is required: template " + shape.label() + " has "
                            + withArticle(type.toUpperCase(Locale.ROOT)) + " header"));
            return;
        }
        parameter.put("type", type);
        parameter.putObject(type).put("link", url);
    }

    private void location(ObjectNode parameter) {
        TemplateMessageRequest.Location location = request.location();
        if (location == null || location.latitude() == null || location.longitude() == null) {
            String field = location != null && location.latitude() != null ? "locationLongitude" : "locationLatitude";
            problems.add(ErrorDetail.invalid(
                    field,
                    "'locationLatitude' and 'locationLongitude' are required: template " + shape.label() + " has "
                            + withArticle("LOCATION") + " header"));
            return;
        }
        parameter.put("type", "location");
        ObjectNode value = parameter.putObject("location");
        value.put("latitude", location.latitude());
        value.put("longitude", location.longitude());
        if (location.name() != null) {
            value.put("name", location.name());
        }
        if (location.address() != null) {
            value.put("address", location.address());
        }
    }

    /** The body's parameters; answers the body text with the values filled in. */
    private String body(Map<String, String> mapping, String otpCode) {
        Map<String, String> filled = new LinkedHashMap<>();
        ArrayNode parameters;
        if (shape.authentication()) {
            parameters = NODES.arrayNode();
            if (otpCode == null) {
                problems.add(ErrorDetail.invalid(
                        "otpCode",
                        "'otpCode' is required: template " + shape.label() + " is an authentication template"));
            } else {
                shape.bodyVariables().forEach(v -> filled.put(v, otpCode));
                shape.bodyVariables()
                        .forEach(v -> parameters.addObject().put("type", "text").put("text", otpCode));
            }
            unknown(mapping.keySet(), List.of(), "mapping");
        } else {
            parameters = textParameters(shape.bodyVariables(), mapping, "mapping", "body");
            shape.bodyVariables().forEach(v -> {
                if (mapping.get(v) != null) {
                    filled.put(v, mapping.get(v));
                }
            });
            unknown(mapping.keySet(), shape.bodyVariables(), "mapping");
        }
        if (!parameters.isEmpty()) {
            section("body").set("parameters", parameters);
        }
        return TemplateShape.fill(shape.bodyText(), filled);
    }

    /**
     * One text parameter per variable, in the template's order; named templates name each one
     * ({@code parameter_name}). Variables without a value are listed in one problem.
     */
    private ArrayNode textParameters(List<String> variables, Map<String, String> values, String field, String section) {
        ArrayNode parameters = NODES.arrayNode();
        List<String> missing = new ArrayList<>();
        for (String variable : variables) {
            String value = values.get(variable);
            if (value == null) {
                missing.add("{{" + variable + "}}");
                continue;
            }
            ObjectNode parameter = parameters.addObject().put("type", "text");
            if (shape.named()) {
                parameter.put("parameter_name", variable);
            }
            parameter.put("text", value);
        }
        if (!missing.isEmpty()) {
            problems.add(ErrorDetail.invalid(
                    field,
                    "Template " + shape.label() + " needs a value in '" + field
                            + "' for its " + section + " variable" + (missing.size() > 1 ? "s " : " ")
                            + String.join(", ", missing)));
        }
        return parameters;
    }

    /**
     * URL buttons with a variable, copy-code and OTP buttons need a value; a quick reply may take a payload.
     * {@code buttonMapping} names a button by its index ({@code "0"}), or a single URL button by {@code "1"}.
     */
    private void buttons(Map<String, String> buttonMapping, String otpCode) {
        Map<String, String> unused = new LinkedHashMap<>(buttonMapping);
        List<TemplateShape.Button> urlButtons = shape.buttons().stream()
                .filter(TemplateShape.Button::urlVariable)
                .toList();
        List<String> missing = new ArrayList<>();
        for (TemplateShape.Button button : shape.buttons()) {
            String key = String.valueOf(button.index());
            String value = unused.remove(key);
            if (value == null
                    && urlButtons.size() == 1
                    && urlButtons.getFirst() == button
                    && shape.buttons().stream().noneMatch(b -> b.index() == 1 && takesMapping(b))) {
                value = unused.remove("1");
            }
            switch (button.type()) {
                case "URL" -> {
                    if (button.urlVariable()) {
                        button(button, "url", missing, value, "text");
                    } else if (value != null) {
                        unused.put(key, value);
                    }
                }
                case "COPY_CODE" ->
                    button(button, "copy_code", missing, value != null ? value : otpCode, "coupon_code");
                case "OTP" -> {
                    if (value != null) {
                        unused.put(key, value);
                    }
                    if (otpCode == null) {
                        if (!shape.authentication()) {
                            problems.add(ErrorDetail.invalid(
                                    "otpCode",
                                    "'otpCode' is required: template " + shape.label()
                                            + " has a one-time-password button"));
                        }
                    } else {
                        // Meta's authentication sends carry the code as the text of a url button (§1.7).
                        addButton(button, "url", "text", otpCode);
                    }
                }
                case "QUICK_REPLY" -> {
                    if (value != null) {
                        addButton(button, "quick_reply", "payload", value);
                    }
                }
                default -> {
                    if (value != null) {
                        unused.put(key, value);
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            problems.add(ErrorDetail.invalid(
                    "buttonMapping",
                    "Template " + shape.label() + " needs a value in" + " 'buttonMapping' for its button"
                            + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)));
        }
        if (!unused.isEmpty()) {
            problems.add(ErrorDetail.invalid(
                    "buttonMapping",
                    "'buttonMapping' names buttons that template " + shape.label()
                            + " does not have or that take no value: " + String.join(", ", unused.keySet())));
        }
    }

    private static boolean takesMapping(TemplateShape.Button button) {
        return button.urlVariable()
                || button.type().equals("COPY_CODE")
                || button.type().equals("QUICK_REPLY");
    }

    private void button(
            TemplateShape.Button button, String subType, List<String> missing, String value, String parameterType) {
        if (value == null) {
            missing.add(button.index() + " (" + button.type() + ")");
            return;
        }
        addButton(button, subType, parameterType, value);
    }

    private void addButton(TemplateShape.Button button, String subType, String parameterType, String value) {
        ObjectNode component = components.addObject();
        component.put("type", "button");
        component.put("sub_type", subType);
        component.put("index", String.valueOf(button.index()));
        component.putArray("parameters").addObject().put("type", parameterType).put(parameterType, value);
    }

    private ObjectNode section(String type) {
        return components.addObject().put("type", type);
    }

    /**
     * A mapping's values by name, process references filled. A blank value counts as none: for a variable
     * it is missing (Meta refuses empty parameters), for anything else it is an unused form field.
     */
    private Map<String, String> values(List<TemplateMessageRequest.Mapping> mappings, String field) {
        Map<String, String> values = new LinkedHashMap<>();
        for (TemplateMessageRequest.Mapping m : mappings) {
            String value = references.fill(m.value(), field, problems);
            if (value != null && !value.isBlank()) {
                values.put(m.name(), value);
            }
        }
        return values;
    }

    /** The names a mapping gives that are not variables of the section: the caller's mistake, a 400. */
    private void unknown(Set<String> given, List<String> variables, String field) {
        Set<String> extra = new LinkedHashSet<>(given);
        variables.forEach(extra::remove);
        if (!extra.isEmpty()) {
            problems.add(ErrorDetail.invalid(
                    field,
                    "'" + field + "' names variables that template " + shape.label() + " does not have: "
                            + String.join(", ", extra)));
        }
    }

    /** "an IMAGE", "a VIDEO": header formats are read aloud as words, so the article follows the first letter. */
    static String withArticle(String word) {
        return ("AEIOU".indexOf(Character.toUpperCase(word.isEmpty() ? 'x' : word.charAt(0))) >= 0 ? "an " : "a ")
                + word;
    }
}
