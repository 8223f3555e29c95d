package org.openchakra.procedure;

import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.openchakra.common.PhoneNumbers;
import org.openchakra.web.TimeValues;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Checks a value sent for an attribute and turns it into what is stored (platform.md §3): numeric
 * strings become numbers, times become epoch ms, phones digits, emails lower case, users uuids.
 */
public final class ValueCoercion {

    /** What coercion needs from outside the value itself. */
    public interface Context {
        String defaultCountryCode();

        Optional<UUID> userId(String reference);

        boolean photoExists(UUID photoId);
    }

    /** The stored value, or the reason it was refused. */
    public record Result(JsonNode value, String error) {
        static Result ok(JsonNode value) {
            return new Result(value, null);
        }

        static Result refused(String error) {
            return new Result(null, error);
        }

        public boolean isOk() {
            return error == null;
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");
    private static final Pattern INTEGRAL = Pattern.compile("-?\\d{1,19}");
    private static final int SHORT_TEXT = 1_000;
    private static final int LONG_TEXT = 10_000;

    private ValueCoercion() {}

    public static Result coerce(Procedure.Attribute attribute, JsonNode value, Context ctx) {
        AttributeType type = AttributeType.of(attribute.type()).orElseThrow();
        String field = attribute.shortId();
        return switch (type) {
            case STRING, NAME, STRING_ID -> text(field, value, SHORT_TEXT);
            case TEXT -> text(field, value, LONG_TEXT);
            case INTEGER, NUMBER -> integer(field, value);
            case FLOAT, DECIMAL -> decimal(field, value);
            case BOOLEAN -> bool(field, value);
            case EMAIL -> email(field, value);
            case PHONE -> phone(field, value, ctx);
            case URL -> url(field, value);
            case DATE, DATETIME, TIME -> time(field, value);
            case DATETIME_ISO8601 -> iso(field, value);
            case STRING_ENUM, INTEGER_ENUM -> option(attribute, value);
            case MULTI_STRING_ENUM, MULTI_INTEGER_ENUM -> options(attribute, value);
            case PHOTO -> photo(field, value, ctx);
            case MULTI_PHOTOS -> photos(field, value, ctx);
            case USER -> user(field, value, ctx);
            case JSON, EXTERNAL_OBJECT -> object(attribute, value);
        };
    }

    private static Result object(Procedure.Attribute attribute, JsonNode value) {
        if (!value.isObject()) {
            return Result.refused("'" + attribute.shortId() + "' must be a JSON object");
        }
        if (attribute.schema() != null && !attribute.schema().isNull()) {
            Optional<String> violation = JsonSchemas.violation(attribute.schema(), value);
            if (violation.isPresent()) {
                return Result.refused("'" + attribute.shortId() + "' does not match its schema: " + violation.get());
            }
        }
        return Result.ok(value);
    }

    private static Result text(String field, JsonNode value, int max) {
        String s = scalarText(value);
        if (s == null) {
            return Result.refused("'" + field + "' must be a string");
        }
        return s.length() > max
                ? Result.refused("'" + field + "' is longer than " + max + " characters")
                : Result.ok(NODES.stringNode(s));
    }

    private static Result integer(String field, JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Result.ok(NODES.numberNode(value.longValue()));
        }
        if (value.isNumber() && value.canConvertToExactIntegral() && value.canConvertToLong()) {
            return Result.ok(NODES.numberNode(value.longValue()));
        }
        if (value.isString() && INTEGRAL.matcher(value.stringValue().trim()).matches()) {
            try {
                return Result.ok(
                        NODES.numberNode(Long.parseLong(value.stringValue().trim())));
            } catch (NumberFormatException tooBig) {
                // falls through to the refusal
            }
        }
        return Result.refused("'" + field + "' must be a whole number (64-bit)");
    }

    private static Result decimal(String field, JsonNode value) {
        BigDecimal number = null;
        if (value.isNumber()) {
            number = value.decimalValue();
        } else if (value.isString()) {
            try {
                number = new BigDecimal(value.stringValue().trim());
            } catch (NumberFormatException notNumber) {
                // refused below
            }
        }
        if (number == null || Double.isInfinite(number.doubleValue())) {
            return Result.refused("'" + field + "' must be a finite number");
        }
        return Result.ok(NODES.numberNode(number.stripTrailingZeros()));
    }

    private static Result bool(String field, JsonNode value) {
        if (value.isBoolean()) {
            return Result.ok(value);
        }
        if (value.isString()
                && (value.stringValue().equals("true") || value.stringValue().equals("false"))) {
            return Result.ok(NODES.booleanNode(Boolean.parseBoolean(value.stringValue())));
        }
        return Result.refused("'" + field + "' must be true or false");
    }

    private static Result email(String field, JsonNode value) {
        String s = value.isString() ? value.stringValue().trim() : null;
        if (s == null || s.length() > 254 || !EMAIL.matcher(s).matches()) {
            return Result.refused("'" + field + "' must be an email address");
        }
        return Result.ok(NODES.stringNode(s.toLowerCase()));
    }

    private static Result phone(String field, JsonNode value, Context ctx) {
        String s = scalarText(value);
        Optional<String> normalized =
                s == null ? Optional.empty() : PhoneNumbers.normalize(s, ctx.defaultCountryCode());
        return normalized
                .map(p -> Result.ok(NODES.stringNode(p)))
                .orElseGet(() -> Result.refused("'" + field + "' must be a phone number"));
    }

    private static Result url(String field, JsonNode value) {
        String s = value.isString() ? value.stringValue().trim() : null;
        try {
            URI uri = s == null ? null : URI.create(s);
            if (uri != null
                    && uri.isAbsolute()
                    && uri.getHost() != null
                    && (uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    && s.length() <= 4096) {
                return Result.ok(NODES.stringNode(s));
            }
        } catch (IllegalArgumentException invalid) {
            // refused below
        }
        return Result.refused("'" + field + "' must be an absolute http(s) URL");
    }

    private static Result time(String field, JsonNode value) {
        return TimeValues.parse(value)
                .map(ms -> Result.ok(NODES.numberNode(ms)))
                .orElseGet(() -> Result.refused("'" + field + "' must be epoch milliseconds or an ISO-8601 time"));
    }

    private static Result iso(String field, JsonNode value) {
        if (value.isString()) {
            try {
                OffsetDateTime.parse(value.stringValue().trim());
                return Result.ok(NODES.stringNode(value.stringValue().trim()));
            } catch (DateTimeParseException invalid) {
                // refused below
            }
        }
        return Result.refused("'" + field + "' must be an ISO-8601 date-time with offset");
    }

    private static Result option(Procedure.Attribute attribute, JsonNode value) {
        JsonNode match = matchOption(attribute, value);
        return match != null
                ? Result.ok(match)
                : Result.refused("'" + attribute.shortId() + "' must be one of " + attribute.options());
    }

    private static Result options(Procedure.Attribute attribute, JsonNode value) {
        Iterable<JsonNode> items = value.isArray() ? value.values() : java.util.List.of(value);
        Set<JsonNode> chosen = new LinkedHashSet<>();
        for (JsonNode item : items) {
            JsonNode match = matchOption(attribute, item);
            if (match == null) {
                return Result.refused("'" + attribute.shortId() + "' must be an array of " + attribute.options());
            }
            chosen.add(match);
        }
        ArrayNode array = NODES.arrayNode();
        chosen.forEach(array::add);
        return Result.ok(array);
    }

    /** The option equal to {@code value}; numeric strings match integer options ("3" is 3). */
    private static JsonNode matchOption(Procedure.Attribute attribute, JsonNode value) {
        boolean integers = attribute.type().equals(AttributeType.INTEGER_ENUM.wireName())
                || attribute.type().equals(AttributeType.MULTI_INTEGER_ENUM.wireName());
        JsonNode candidate = value;
        if (integers) {
            Result asInteger = integer(attribute.shortId(), value);
            if (!asInteger.isOk()) {
                return null;
            }
            candidate = asInteger.value();
        } else if (!value.isString()) {
            return null;
        }
        for (JsonNode option : attribute.options() == null ? java.util.List.<JsonNode>of() : attribute.options()) {
            if (integers
                    ? option.isNumber() && option.longValue() == candidate.longValue()
                    : option.equals(candidate)) {
                return option;
            }
        }
        return null;
    }

    private static Result photo(String field, JsonNode value, Context ctx) {
        UUID id = uuid(value);
        if (id == null || !ctx.photoExists(id)) {
            return Result.refused("'" + field + "' must be the id of a photo of this team");
        }
        return Result.ok(NODES.stringNode(id.toString()));
    }

    private static Result photos(String field, JsonNode value, Context ctx) {
        if (!value.isArray()) {
            return Result.refused("'" + field + "' must be an array of photo ids");
        }
        ArrayNode array = NODES.arrayNode();
        for (JsonNode item : value.values()) {
            Result one = photo(field, item, ctx);
            if (!one.isOk()) {
                return one;
            }
            array.add(one.value());
        }
        return Result.ok(array);
    }

    private static Result user(String field, JsonNode value, Context ctx) {
        String ref = value.isString() ? value.stringValue().trim() : null;
        return Optional.ofNullable(ref)
                .filter(r -> !r.isEmpty())
                .flatMap(ctx::userId)
                .map(id -> Result.ok(NODES.stringNode(id.toString())))
                .orElseGet(
                        () -> Result.refused("'" + field + "' must name a user of this team (username, email or id)"));
    }

    private static UUID uuid(JsonNode value) {
        if (!value.isString()) {
            return null;
        }
        try {
            return UUID.fromString(value.stringValue().trim());
        } catch (IllegalArgumentException notUuid) {
            return null;
        }
    }

    /** A string as is; numbers and booleans as their text (clients send phone numbers as numbers). */
    private static String scalarText(JsonNode value) {
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.asString();
        }
        return null;
    }
}
