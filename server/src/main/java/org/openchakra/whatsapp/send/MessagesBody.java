package org.openchakra.whatsapp.send;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.openchakra.whatsapp.meta.MetaLocalRefusal;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A pass-through {@code /messages} body as Graph takes it (meta-cloud-api.md §0): JSON, or form fields
 * ({@code application/x-www-form-urlencoded} or {@code multipart/form-data}) whose values may be JSON
 * objects or arrays as text ({@code text={"body":"hi"}}). Any other content type, or none, is read as
 * JSON, as Graph does. The bytes are read at once; they are parsed only when asked, after the plugin and
 * number have been found.
 */
final class MessagesBody {

    private final byte[] json;
    private final Map<String, String[]> form;

    private MessagesBody(byte[] json, Map<String, String[]> form) {
        this.json = json;
        this.form = form;
    }

    static MessagesBody read(HttpServletRequest request) throws IOException {
        String type =
                request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
            return new MessagesBody(null, request.getParameterMap());
        }
        return new MessagesBody(request.getInputStream().readAllBytes(), null);
    }

    /** The body as one JSON object, or Meta's code 100 refusal. */
    ObjectNode parse(JsonMapper mapper) {
        if (form != null) {
            ObjectNode body = mapper.createObjectNode();
            form.forEach((name, values) -> body.set(name, formValue(mapper, values[0])));
            return body;
        }
        if (json.length == 0) {
            return mapper.createObjectNode();
        }
        JsonNode parsed;
        try {
            parsed = mapper.readTree(json);
        } catch (JacksonException e) {
            throw MetaLocalRefusal.invalidParameter("Request body is not a valid JSON object");
        }
        if (parsed == null || !parsed.isObject()) {
            throw MetaLocalRefusal.invalidParameter("Request body is not a valid JSON object");
        }
        return (ObjectNode) parsed;
    }

    private static JsonNode formValue(JsonMapper mapper, String value) {
        String trimmed = value.trim();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                return mapper.readTree(trimmed);
            } catch (JacksonException notJson) {
                // Plain text that happens to start with a bracket.
            }
        }
        return mapper.getNodeFactory().stringNode(value);
    }
}
