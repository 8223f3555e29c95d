package org.openchakra.whatsapp.meta;

import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Meta answered: the HTTP status and the body as received. The body is parsed lazily and
 * tolerantly: Meta adds fields over time and sometimes answers HTML from a proxy.
 */
public record MetaReply(int status, byte[] body, String contentType, Optional<String> retryAfter) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The body as JSON; a body that is not JSON becomes a missing node. */
    public JsonNode json() {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.missingNode() : node;
        } catch (RuntimeException notJson) {
            return JSON.missingNode();
        }
    }

    /** Meta's {@code error} object, if the body has one. */
    public Optional<MetaError> error() {
        JsonNode error = json().path("error");
        return error.isObject() ? Optional.of(MetaError.of(error)) : Optional.empty();
    }
}
