package org.openchakra.metasim;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** JSON helpers shared by every route. Jackson 3 trees keep the simulator free of DTO classes for Meta's many shapes. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {}

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Parses a request body; null when the bytes are not JSON so callers can answer Meta's own error. */
    static JsonNode parseOrNull(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    static JsonNode parse(String text) {
        return MAPPER.readTree(text);
    }

    static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    static String string(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /**
     * Meta's webhook bodies escape every non-ASCII character as a lowercase {@code \\uXXXX} and {@code /} as
     * {@code \/}, and the signature covers that form (spec 6.2). Both characters can only occur inside JSON string
     * literals, so a pass over the serialised text is exact. Surrogate pairs come out as two escapes, as Meta's do.
     */
    static byte[] asciiEscapedBytes(JsonNode node) {
        String json = MAPPER.writeValueAsString(node);
        StringBuilder out = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean escape = c == '/' || c > 0x7e;
            if (escape && out == null) {
                out = new StringBuilder(json.length() + 32).append(json, 0, i);
            }
            if (out == null) {
                continue;
            }
            if (c == '/') {
                out.append("\\/");
            } else if (c > 0x7e) {
                out.append("\\u")
                        .append(HEX[(c >> 12) & 0xf])
                        .append(HEX[(c >> 8) & 0xf])
                        .append(HEX[(c >> 4) & 0xf])
                        .append(HEX[c & 0xf]);
            } else {
                out.append(c);
            }
        }
        return (out == null ? json : out.toString()).getBytes(StandardCharsets.US_ASCII);
    }

    /** Text of a string or number field, or null when absent, null or structured (Meta accepts "1" and 1 alike). */
    static String text(JsonNode parent, String field) {
        if (parent == null) {
            return null;
        }
        JsonNode node = parent.get(field);
        if (node == null || node.isNull() || node.isContainer()) {
            return null;
        }
        return node.asString();
    }

    static boolean has(JsonNode parent, String field) {
        return parent != null && parent.has(field) && !parent.get(field).isNull();
    }
}
