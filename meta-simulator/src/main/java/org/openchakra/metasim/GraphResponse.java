package org.openchakra.metasim;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What a route answers: status, content type, bytes and any extra headers. */
record GraphResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    /** Graph escapes {@code /} and non-ASCII in its answers too ({@code https:\/\/developers...}, spec 2.2). */
    static GraphResponse json(int status, JsonNode node) {
        return new GraphResponse(
                status, "application/json; charset=UTF-8", Json.asciiEscapedBytes(node), new LinkedHashMap<>());
    }

    static GraphResponse ok(JsonNode node) {
        return json(200, node);
    }

    static GraphResponse success() {
        return ok(Json.object().put("success", true));
    }

    static GraphResponse binary(String contentType, byte[] bytes) {
        return new GraphResponse(200, contentType, bytes, new LinkedHashMap<>());
    }

    static GraphResponse text(int status, String text) {
        return new GraphResponse(
                status, "text/plain; charset=UTF-8", text.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
    }
}
