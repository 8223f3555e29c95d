package org.openchakra.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the fields of a JSON object body with their types checked, collecting one message per bad
 * field so that the 400 names every problem at once. Absent and {@code null} are different: absent
 * means "leave as is", {@code null} means "clear".
 */
public final class JsonFields {

    private final ObjectNode body;
    private final List<ErrorDetail> problems = new ArrayList<>();

    private JsonFields(ObjectNode body) {
        this.body = body;
    }

    public static JsonFields of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest(null, "The request body must be a JSON object");
        }
        // At once, before the caller looks anything up with these values.
        StorableText.check(body);
        return new JsonFields((ObjectNode) body);
    }

    public boolean has(String field) {
        return body.has(field);
    }

    public boolean isNull(String field) {
        return body.has(field) && body.get(field).isNull();
    }

    public JsonNode raw(String field) {
        return body.get(field);
    }

    public void problem(String field, String message) {
        problems.add(ErrorDetail.invalid(field, message));
    }

    /** The problems found so far, for a caller that nests these fields inside a larger body. */
    public List<ErrorDetail> problems() {
        return List.copyOf(problems);
    }

    /** Throws the 400 with every problem found so far; call once all fields are read. */
    public void check() {
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, problems);
        }
    }

    public Optional<String> string(String field, int maxLength) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isString()) {
            problem(field, "'" + field + "' must be a string");
            return Optional.empty();
        }
        String value = node.stringValue();
        if (value.length() > maxLength) {
            problem(field, "'" + field + "' is longer than " + maxLength + " characters");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    public String requiredString(String field, int maxLength) {
        if (!body.has(field) || body.get(field).isNull()) {
            problem(field, "'" + field + "' is required");
            return null;
        }
        String value = string(field, maxLength).orElse(null);
        if (value != null && value.isBlank()) {
            problem(field, "'" + field + "' must not be blank");
            return null;
        }
        return value;
    }

    public Optional<Boolean> bool(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isBoolean()) {
            return Optional.of(node.booleanValue());
        }
        if (node.isString()
                && (node.stringValue().equals("true") || node.stringValue().equals("false"))) {
            return Optional.of(Boolean.parseBoolean(node.stringValue()));
        }
        problem(field, "'" + field + "' must be true or false");
        return Optional.empty();
    }

    public Optional<Integer> integer(String field, int min, int max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        Long value = node.isIntegralNumber() && node.canConvertToLong()
                ? Long.valueOf(node.longValue())
                : node.isString() ? parseLong(node.stringValue()) : null;
        if (value == null || value < min || value > max) {
            problem(field, "'" + field + "' must be a whole number from " + min + " to " + max);
            return Optional.empty();
        }
        return Optional.of(value.intValue());
    }

    /** A time: epoch milliseconds (number or numeric string) or ISO-8601 (README §5). */
    public Optional<Long> epochMillis(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        Optional<Long> value = TimeValues.parse(node);
        if (value.isEmpty()) {
            problem(field, "'" + field + "' must be epoch milliseconds or an ISO-8601 time");
        }
        return value;
    }

    public Optional<UUID> uuid(String field) {
        return string(field, 64).flatMap(s -> parsed(field, s, UUID::fromString, "a UUID"));
    }

    public Optional<String> url(String field) {
        return string(field, 2048)
                .flatMap(s -> parsed(
                        field,
                        s,
                        v -> {
                            URI uri = URI.create(v);
                            if (!uri.isAbsolute()
                                    || !(uri.getScheme().equals("http")
                                            || uri.getScheme().equals("https"))) {
                                throw new IllegalArgumentException();
                            }
                            return v;
                        },
                        "an absolute http(s) URL"));
    }

    public Optional<JsonNode> object(String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            problem(field, "'" + field + "' must be a JSON object");
            return Optional.empty();
        }
        return Optional.of(node);
    }

    public Optional<List<String>> strings(String field, int maxItems, int maxLength) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray() || node.size() > maxItems) {
            problem(field, "'" + field + "' must be an array of at most " + maxItems + " strings");
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node.values()) {
            if (!item.isString() || item.stringValue().length() > maxLength) {
                problem(field, "'" + field + "' must contain only strings of at most " + maxLength + " characters");
                return Optional.empty();
            }
            values.add(item.stringValue());
        }
        return Optional.of(values);
    }

    /** One of a fixed set of words, compared case-insensitively and returned as written in {@code allowed}. */
    public Optional<String> oneOf(String field, List<String> allowed) {
        return string(field, 100).flatMap(s -> {
            Optional<String> match =
                    allowed.stream().filter(a -> a.equalsIgnoreCase(s)).findFirst();
            if (match.isEmpty()) {
                problem(field, "'" + field + "' must be one of " + String.join(", ", allowed));
            }
            return match;
        });
    }

    private <T> Optional<T> parsed(String field, String value, Function<String, T> parser, String expected) {
        try {
            return Optional.of(parser.apply(value));
        } catch (RuntimeException e) {
            problem(field, "'" + field + "' must be " + expected);
            return Optional.empty();
        }
    }

    private static Long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
