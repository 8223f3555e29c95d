package org.openchakra.metasim;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One HTTP request as the routes see it. Graph accepts parameters in the query string and in JSON, form or
 * multipart bodies alike (spec 0), so {@link #params()} merges them into one JSON object.
 */
final class GraphRequest {

    final String method;
    final String path;
    final Map<String, String> query;
    final String authorization;
    final String contentType;
    final byte[] body;
    private ObjectNode params;
    private Map<String, FilePart> files;

    GraphRequest(String method, String path, String rawQuery, String authorization, String contentType, byte[] body) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.path = path;
        this.query = parseQuery(rawQuery);
        this.authorization = authorization;
        this.contentType = contentType == null ? "" : contentType;
        this.body = body;
    }

    /** Query and body parameters merged, body winning. Throws 100 when a JSON body does not parse. */
    ObjectNode params() {
        if (params == null) {
            parseBody();
        }
        return params;
    }

    Map<String, FilePart> files() {
        if (files == null) {
            parseBody();
        }
        return files;
    }

    String param(String name) {
        return Json.text(params(), name);
    }

    private void parseBody() {
        ObjectNode merged = Json.object();
        query.forEach((k, v) -> merged.set(k, formValue(v)));
        Map<String, FilePart> parsedFiles = new HashMap<>();
        String type = contentType.toLowerCase(Locale.ROOT);
        if (body.length > 0) {
            if (type.startsWith("multipart/form-data")) {
                String boundary = Multipart.boundary(contentType);
                if (boundary != null) {
                    for (Multipart.Part part : Multipart.parse(body, boundary)) {
                        if (part.name() == null) {
                            continue;
                        }
                        if (part.isFile()) {
                            parsedFiles.put(
                                    part.name(),
                                    new FilePart(part.name(), part.filename(), part.contentType(), part.bytes()));
                        } else {
                            merged.set(part.name(), formValue(part.text()));
                        }
                    }
                }
            } else if (type.startsWith("application/x-www-form-urlencoded")) {
                parseQuery(new String(body, StandardCharsets.UTF_8)).forEach((k, v) -> merged.set(k, formValue(v)));
            } else {
                // Graph treats any other body as JSON, whatever the declared type.
                JsonNode json = Json.parseOrNull(body);
                if (json == null || !json.isObject()) {
                    throw new GraphException(MetaErrors.invalidParameter("Request body is not a valid JSON object")
                            .withMessage("(#100) Invalid parameter"));
                }
                json.properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
            }
        }
        this.params = merged;
        this.files = parsedFiles;
    }

    /** Form fields may carry JSON objects or arrays as text (e.g. {@code components=[...]}); keep them structured. */
    private static JsonNode formValue(String value) {
        String trimmed = value.trim();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            JsonNode parsed = Json.parseOrNull(trimmed.getBytes(StandardCharsets.UTF_8));
            if (parsed != null) {
                return parsed;
            }
        }
        return tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(value);
    }

    static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(key, value);
        }
        return out;
    }

    /** Malformed escapes are kept as sent, so the route reports a Meta error rather than the parser failing. */
    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** Path segments without empty pieces: {@code /v23.0/123/messages} gives {@code [v23.0, 123, messages]}. */
    List<String> segments() {
        return java.util.Arrays.stream(path.split("/"))
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
