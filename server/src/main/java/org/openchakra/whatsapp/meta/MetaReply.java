package org.openchakra.whatsapp.meta;

import java.util.Optional;
import org.openchakra.web.ApiException;
import org.openchakra.web.ErrorDetail;
import org.springframework.http.HttpStatus;
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

    /**
     * The body of a success, as the JSON object {@code what} needs. A refusal throws
     * {@link MetaUpstreamException} (relayed as whatsapp.md §2.3); a 2xx without an object is Meta failing us,
     * never the caller: a 502 (see {@link #incomplete}).
     */
    public JsonNode object(String what) {
        if (!ok()) {
            throw new MetaUpstreamException(this);
        }
        JsonNode body = json();
        if (!body.isObject()) {
            throw incomplete(what, "a JSON object");
        }
        return body;
    }

    /** The {@code data} list of a success (a listing), else as {@link #object}. */
    public JsonNode dataList(String what) {
        JsonNode data = object(what).path("data");
        if (!data.isArray()) {
            throw incomplete(what, "its data list");
        }
        return data;
    }

    /**
     * Meta answered 2xx without what the call needs ({@code missing}): 502 {@code UPSTREAM_ERROR}, so that no
     * caller takes it for a success (a 200 carrying {@code _errors}) or for its own mistake.
     */
    public ApiException incomplete(String what, String missing) {
        return new ApiException(
                HttpStatus.BAD_GATEWAY,
                ErrorDetail.UPSTREAM_ERROR,
                "Meta answered " + what + " with HTTP " + status + " but without " + missing);
    }

    /** Meta's {@code error} object, if the body has one. */
    public Optional<MetaError> error() {
        JsonNode error = json().path("error");
        return error.isObject() ? Optional.of(MetaError.of(error)) : Optional.empty();
    }
}
