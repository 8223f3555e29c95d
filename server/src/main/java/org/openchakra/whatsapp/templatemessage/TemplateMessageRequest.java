package org.openchakra.whatsapp.templatemessage;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openchakra.web.JsonFields;
import tools.jackson.databind.JsonNode;

/**
 * The body of a Chakra-format template send (whatsapp.md §3), read and checked. Form-driven clients send
 * every field of their form, so an optional field that is {@code ""} or {@code 0} counts as not given.
 */
record TemplateMessageRequest(
        String phoneNumberId,
        String templateName,
        String language,
        List<Mapping> mapping,
        List<Mapping> headerMapping,
        List<Mapping> buttonMapping,
        String imageUrl,
        String videoUrl,
        String documentUrl,
        String filename,
        Location location,
        String otpCode) {

    /** MappingType: {@code schemaPropertyName} is the variable, {@code schemaPropertyValue} its value. */
    record Mapping(String name, String value) {}

    /** A location header; coordinates as decimal text, the way Meta's samples send them. */
    record Location(String latitude, String longitude, String name, String address) {}

    static final int MAX_MAPPINGS = 100;
    /** Meta's limit on one template text parameter (meta-cloud-api.md §1.11). */
    static final int MAX_VALUE = 32_768;

    private static final int MAX_NAME = 512;
    private static final int MAX_TEXT = 1024;

    static TemplateMessageRequest read(JsonNode body) {
        JsonFields f = JsonFields.of(body);
        String phoneNumberId = text(f, "whatsappPhoneNumberId", 30).orElse(null);
        if (phoneNumberId == null && !hasProblem(f, "whatsappPhoneNumberId")) {
            f.problem("whatsappPhoneNumberId", "'whatsappPhoneNumberId' is required");
        }
        String templateName = text(f, "templateName", MAX_NAME).orElse(null);
        if (templateName == null && !hasProblem(f, "templateName")) {
            f.problem("templateName", "'templateName' is required");
        }
        String language = text(f, "language", 20).orElse(null);
        String languageCode = text(f, "languageCode", 20).orElse(null);
        if (language != null && languageCode != null && !language.equals(languageCode)) {
            f.problem("languageCode", "'language' and 'languageCode' name the same thing and differ: give one");
        }
        TemplateMessageRequest request = new TemplateMessageRequest(
                phoneNumberId,
                templateName,
                language != null ? language : languageCode,
                mappings(f, "mapping"),
                mappings(f, "headerMapping"),
                mappings(f, "buttonMapping"),
                url(f, "imageUrl"),
                url(f, "videoUrl"),
                url(f, "documentUrl"),
                text(f, "filename", 240).orElse(null),
                location(f),
                text(f, "otpCode", 15).orElse(null));
        f.check();
        return request;
    }

    /**
     * A string field: absent, null, {@code ""}, blank or {@code 0} is "not given"; a number is taken as its
     * text (ids and codes typed into number fields).
     */
    private static Optional<String> text(JsonFields f, String field, int maxLength) {
        JsonNode node = f.raw(field);
        if (node != null && node.isNumber()) {
            BigDecimal number = decimal(node);
            if (number != null && number.signum() == 0) {
                return Optional.empty();
            }
            return integral(f, field);
        }
        return f.string(field, maxLength).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static Optional<String> integral(JsonFields f, String field) {
        JsonNode node = f.raw(field);
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return Optional.of(Long.toString(node.longValue()));
        }
        f.problem(field, "'" + field + "' must be a string");
        return Optional.empty();
    }

    private static String url(JsonFields f, String field) {
        return text(f, field, 2048)
                .filter(value -> {
                    if (!value.matches("(?i)https?://[^\\s/]+\\S*")) {
                        f.problem(field, "'" + field + "' must be an absolute http(s) URL");
                        return false;
                    }
                    return true;
                })
                .orElse(null);
    }

    private static Location location(JsonFields f) {
        BigDecimal latitude = coordinate(f, "locationLatitude", 90);
        BigDecimal longitude = coordinate(f, "locationLongitude", 180);
        String name = text(f, "locationName", MAX_TEXT).orElse(null);
        String address = text(f, "locationAddress", MAX_TEXT).orElse(null);
        // 0, 0 is what an unused form sends; a real place on the equator or the prime meridian has one non-zero.
        boolean unused = (latitude == null || latitude.signum() == 0) && (longitude == null || longitude.signum() == 0);
        if (unused) {
            return null;
        }
        return new Location(
                latitude == null ? null : latitude.toPlainString(),
                longitude == null ? null : longitude.toPlainString(),
                name,
                address);
    }

    private static BigDecimal coordinate(JsonFields f, String field, int bound) {
        JsonNode node = f.raw(field);
        if (node == null
                || node.isNull()
                || (node.isString() && node.stringValue().isBlank())) {
            return null;
        }
        BigDecimal value = null;
        if (node.isNumber()) {
            value = decimal(node);
        } else if (node.isString() && node.stringValue().length() <= 40) {
            try {
                value = new BigDecimal(node.stringValue().strip());
            } catch (NumberFormatException e) {
                value = null;
            }
        }
        if (value == null || value.abs().compareTo(BigDecimal.valueOf(bound)) > 0) {
            f.problem(field, "'" + field + "' must be a number from -" + bound + " to " + bound);
            return null;
        }
        return value;
    }

    /** An array of MappingType; absent, null or {@code ""} is none. Each name once. */
    private static List<Mapping> mappings(JsonFields f, String field) {
        JsonNode node = f.raw(field);
        List<Mapping> mappings = new ArrayList<>();
        if (node == null
                || node.isNull()
                || (node.isString() && node.stringValue().isEmpty())) {
            return mappings;
        }
        if (!node.isArray() || node.size() > MAX_MAPPINGS) {
            f.problem(
                    field,
                    "'" + field + "' must be an array of at most " + MAX_MAPPINGS
                            + " {schemaPropertyName, schemaPropertyValue}");
            return mappings;
        }
        Set<String> seen = new HashSet<>();
        int i = 0;
        for (JsonNode item : node.values()) {
            String at = field + "[" + i++ + "]";
            if (!item.isObject()) {
                f.problem(at, "'" + at + "' must be an object {schemaPropertyName, schemaPropertyValue}");
                continue;
            }
            JsonFields m = JsonFields.of(item);
            String name = name(m);
            if (name == null && m.problems().isEmpty()) {
                m.problem("schemaPropertyName", "'schemaPropertyName' is required");
            }
            String value = value(m);
            m.problems()
                    .forEach(p -> f.problem(
                            at + "." + p.field(),
                            p.message().replace("'" + p.field() + "'", "'" + at + "." + p.field() + "'")));
            if (name != null && !seen.add(name)) {
                f.problem(at + ".schemaPropertyName", "'" + field + "' names '" + name + "' twice");
            } else if (name != null) {
                mappings.add(new Mapping(name, value));
            }
        }
        return mappings;
    }

    /** The variable name: a string, or a number for positions and button indexes ({@code 0} included). */
    private static String name(JsonFields m) {
        JsonNode node = m.raw("schemaPropertyName");
        if (node != null && node.isNumber()) {
            return integral(m, "schemaPropertyName").orElse(null);
        }
        return m.string("schemaPropertyName", 100)
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .orElse(null);
    }

    /** The value as text: strings as they are, numbers and booleans written out; missing is null. */
    private static String value(JsonFields m) {
        JsonNode node = m.raw("schemaPropertyValue");
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.asString();
        }
        return m.string("schemaPropertyValue", MAX_VALUE).orElse(null);
    }

    /** A JSON number as a decimal; null for what has none (an overflowed {@code 1e999} reads as infinity). */
    private static BigDecimal decimal(JsonNode number) {
        if (number.isFloatingPointNumber() && !Double.isFinite(number.doubleValue())) {
            return null;
        }
        try {
            return number.decimalValue();
        } catch (RuntimeException notFinite) {
            return null;
        }
    }

    private static boolean hasProblem(JsonFields f, String field) {
        return f.problems().stream().anyMatch(p -> field.equals(p.field()));
    }
}
