package org.openchakra.whatsapp.send;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.openchakra.whatsapp.meta.MetaLocalRefusal;
import tools.jackson.databind.JsonNode;

/**
 * The checks a pass-through body gets before it goes to Meta (whatsapp.md §2.2): the fields Meta requires,
 * answered as Meta answers them (code 100). Everything else is Meta's to judge: OpenChakra forwards any
 * message type, including ones newer than this code.
 */
final class PassThroughChecks {

    /** Meta's version segment: {@code v23.0}. */
    static final Pattern API_VERSION = Pattern.compile("v\\d{1,3}\\.\\d{1,3}");
    /** Longer than any phone number or group id; a longer one cannot name a chat. */
    static final int MAX_RECIPIENT_LENGTH = 256;

    private static final int MAX_TYPE_LENGTH = 64;

    private PassThroughChecks() {}

    static void version(String version) {
        if (!API_VERSION.matcher(version).matches()) {
            throw MetaLocalRefusal.invalidParameter(
                    "Unknown API version '" + abbreviate(version) + "': the path takes Meta's version, such as v23.0");
        }
    }

    /**
     * A message send needs {@code messaging_product}, {@code to} and {@code type}; a read receipt or typing
     * indicator ({@code status}) only {@code messaging_product}.
     */
    static void body(JsonNode body) {
        List<String> missing = new ArrayList<>();
        if (!present(body.path("messaging_product"))) {
            missing.add("messaging_product");
        }
        if (!body.has("status")) {
            for (String field : List.of("to", "type")) {
                if (!present(body.path(field))) {
                    missing.add(field);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw MetaLocalRefusal.requiredParameter(missing.getFirst(), "Missing: " + String.join(", ", missing));
        }
        if (body.has("to") && body.path("to").asString("").length() > MAX_RECIPIENT_LENGTH) {
            throw MetaLocalRefusal.invalidParameter("Param to must be a phone number or a group id");
        }
        if (body.has("type")
                && (!body.path("type").isString()
                        || body.path("type").stringValue().length() > MAX_TYPE_LENGTH)) {
            throw MetaLocalRefusal.invalidParameter("Param type must be a message type such as text or template");
        }
    }

    /** A non-blank string, or a number (form-driven clients send {@code "to": 919876543210}). */
    private static boolean present(JsonNode value) {
        return value.isNumber() || (value.isString() && !value.stringValue().isBlank());
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
