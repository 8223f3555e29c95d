package org.openchakra.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * Refuses text that is valid JSON but cannot be stored: PostgreSQL's text and jsonb reject NUL
 * (U+0000), and a lone surrogate has no UTF-8 form (the driver would store {@code ?}). Checked
 * before any query, so that such a value is the caller's 400, not a database error mid-request.
 */
public final class StorableText {

    /** A body full of bad strings must not make an answer as large as itself. */
    private static final int MAX_PROBLEMS = 10;

    private static final int MAX_FIELD_LENGTH = 200;

    private StorableText() {}

    /** Whether every string and key in {@code node} can be stored (a bulk item that cannot is kept as null). */
    public static boolean isStorable(JsonNode node) {
        List<ErrorDetail> problems = new ArrayList<>();
        walk(node, "", problems);
        return problems.isEmpty();
    }

    public static void check(JsonNode body) {
        List<ErrorDetail> problems = new ArrayList<>();
        walk(body, "", problems);
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, problems);
        }
    }

    private static void walk(JsonNode node, String path, List<ErrorDetail> problems) {
        if (problems.size() >= MAX_PROBLEMS) {
            return;
        }
        if (node.isString()) {
            refuseUnless(storable(node.stringValue()), path, problems);
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                String child = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
                refuseUnless(storable(property.getKey()), child, problems);
                walk(property.getValue(), child, problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "." + i, problems);
            }
        }
    }

    private static void refuseUnless(boolean storable, String path, List<ErrorDetail> problems) {
        if (!storable && problems.size() < MAX_PROBLEMS) {
            // The path is the caller's own text: named only when it is short and itself storable.
            String field = path.length() <= MAX_FIELD_LENGTH && storable(path) ? path : null;
            problems.add(ErrorDetail.invalid(
                    field,
                    (field == null ? "A field" : "'" + field + "'")
                            + " contains a NUL character or an unpaired surrogate, which cannot be stored"));
        }
    }

    static boolean storable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }
}
