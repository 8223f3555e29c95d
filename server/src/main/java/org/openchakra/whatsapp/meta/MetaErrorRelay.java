package org.openchakra.whatsapp.meta;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * whatsapp.md §2.3: a refusal in a shape both kinds of client read. Meta-format clients read
 * {@code error} (Meta's object as received); Chakra-format clients read {@code _errors} and
 * {@code _errorDetails} ({@code UPSTREAM_ERROR} with {@code metaCode}); generic tools read {@code message}.
 */
public final class MetaErrorRelay {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MetaErrorRelay() {}

    /**
     * Meta's own refusal, with Meta's status; what was no refusal (a 2xx or 3xx that a caller could not use) is
     * a 502, never a success carrying {@code _errors}.
     */
    public static ResponseEntity<Object> relay(MetaReply reply) {
        int status = reply.status() >= 400 ? reply.status() : HttpStatus.BAD_GATEWAY.value();
        JsonNode error = reply.json().path("error");
        if (!error.isObject()) {
            // Not Meta's envelope (a proxy's HTML page, an empty 5xx): say so in Meta's shape.
            ObjectNode made = JSON.createObjectNode();
            made.put("message", "Meta answered HTTP " + reply.status() + " without an error object");
            made.put("type", "OAuthException");
            made.put("code", status >= 500 ? 2 : 1);
            error = made;
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        reply.retryAfter().ifPresent(value -> answer.header(HttpHeaders.RETRY_AFTER, value));
        return answer.body(body(error));
    }

    /**
     * A refusal made locally in Meta's format (a missing {@code to}, the 24-hour window, the throughput
     * bucket): the same shape as a relayed one, so that a client cannot tell where it was decided.
     */
    public static ResponseEntity<Object> local(
            HttpStatus status, int code, String type, String title, String details, Map<String, String> headers) {
        ObjectNode error = JSON.createObjectNode();
        error.put("message", "(#" + code + ") " + title);
        error.put("type", type);
        error.put("code", code);
        if (details != null) {
            error.putObject("error_data").put("messaging_product", "whatsapp").put("details", details);
        }
        error.put("error_user_title", title);
        if (details != null) {
            error.put("error_user_msg", details);
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        headers.forEach(answer::header);
        return answer.body(body(error));
    }

    public static Map<String, Object> body(JsonNode error) {
        MetaError parsed = MetaError.of(error);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("code", "UPSTREAM_ERROR");
        detail.put("message", parsed.summary());
        detail.put("metaCode", parsed.code());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("_errors", List.of(parsed.summary()));
        body.put("_errorDetails", List.of(detail));
        // README §3: what generic HTTP tools show; Meta's own message stays inside error.
        body.put("message", parsed.summary());
        return body;
    }
}
