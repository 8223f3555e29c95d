package org.openchakra.metasim;

import tools.jackson.databind.JsonNode;

/** Small assertion helpers that throw Meta errors; keep validators readable. */
final class Checks {

    private Checks() {}

    /** A required nested field: 131008 (Required parameter is missing) naming the path. */
    static String requireText(JsonNode parent, String field, String path) {
        String value = Json.text(parent, field);
        if (value == null || value.isEmpty()) {
            throw new GraphException(MetaErrors.missing("Parameter " + path + " is required."));
        }
        return value;
    }

    static JsonNode requireObject(JsonNode parent, String field, String path) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null || !node.isObject()) {
            throw new GraphException(MetaErrors.missing("Parameter " + path + " is required."));
        }
        return node;
    }

    static JsonNode requireArray(JsonNode parent, String field, String path) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null || !node.isArray()) {
            throw new GraphException(MetaErrors.missing("Parameter " + path + " is required."));
        }
        return node;
    }

    /** A length limit of spec 1.11: 131009 (Parameter value is not valid). */
    static void maxLength(String value, int max, String path) {
        if (value != null && value.length() > max) {
            throw new GraphException(
                    MetaErrors.notValid("Param " + path + " must be at most " + max + " characters long."));
        }
    }

    static void count(JsonNode array, int min, int max, String path) {
        int size = array == null ? 0 : array.size();
        if (size < min || size > max) {
            throw new GraphException(MetaErrors.notValid(
                    "Param " + path + " must have between " + min + " and " + max + " items; got " + size + "."));
        }
    }

    static void httpUrl(String url, String path) {
        if (url == null) {
            return;
        }
        try {
            var uri = java.net.URI.create(url.trim());
            String scheme = uri.getScheme();
            if (scheme == null
                    || uri.getHost() == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new GraphException(MetaErrors.notValid("Param " + path + " must be a valid http(s) URL."));
        }
    }

    static void literal(JsonNode parent, String field, String expected, String path) {
        String value = Json.text(parent, field);
        if (value == null) {
            throw new GraphException(MetaErrors.missing("Parameter " + path + " is required."));
        }
        if (!expected.equals(value)) {
            throw new GraphException(
                    MetaErrors.notValid("Param " + path + " must be \"" + expected + "\"; got \"" + value + "\"."));
        }
    }
}
