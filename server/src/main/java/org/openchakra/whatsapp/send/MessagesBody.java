package org.openchakra.whatsapp.send;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.openchakra.whatsapp.meta.MetaLocalRefusal;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A pass-through {@code /messages} body as Graph takes it (meta-cloud-api.md §0): JSON, or form fields
 * ({@code application/x-www-form-urlencoded} or {@code multipart/form-data}) whose values may be JSON
 * objects or arrays as text ({@code text={"body":"hi"}}). Any other content type, or none, is read as
 * JSON, as Graph does. The bytes are read at once; they are parsed only when asked, after the plugin and
 * number have been found. A JSON object goes to Meta as the caller's own bytes ({@link #wire}): what passes
 * through is exactly what was sent, and the server does not write the tree out again.
 */
final class MessagesBody {

    private final byte[] json;
    private final Map<String, String[]> form;
    /** Set by {@link #parse}: the caller's JSON bytes can go to Meta as they are. */
    private boolean passesThrough;

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
            // A name given twice is read as its last value; Meta might read the first, so such a body goes out
            // as it was read (below) rather than as sent.
            parsed = mapper.reader()
                    .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .readTree(json);
            passesThrough = startsWithBrace(json);
        } catch (JacksonException e) {
            try {
                parsed = mapper.readTree(json);
            } catch (JacksonException notJson) {
                throw MetaLocalRefusal.invalidParameter("Request body is not a valid JSON object");
            }
        }
        if (parsed == null || !parsed.isObject()) {
            throw MetaLocalRefusal.invalidParameter("Request body is not a valid JSON object");
        }
        return (ObjectNode) parsed;
    }

    /**
     * The bytes Meta gets for {@code parsed} (what {@link #parse} answered): the caller's own when they are one
     * JSON object in UTF-8 with no name twice, else the parsed body written out (form fields, a byte-order mark
     * or another encoding, a name given twice).
     */
    byte[] wire(ObjectNode parsed, JsonMapper mapper) {
        return passesThrough ? json : mapper.writeValueAsBytes(parsed);
    }

    /** Whitespace, then the object's brace, in UTF-8 (or ASCII) without a byte-order mark. */
    static boolean startsWithBrace(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                // A zero byte next is UTF-16, which Jackson reads and Meta might not.
                return b == '{' && (i + 1 == bytes.length || bytes[i + 1] != 0);
            }
        }
        return false;
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
