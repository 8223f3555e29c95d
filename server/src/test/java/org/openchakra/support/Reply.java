package org.openchakra.support;

import java.net.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/** One HTTP answer: status, headers, raw body, and the body as JSON (a missing node when it is not JSON). */
public record Reply(int status, HttpHeaders headers, String raw, JsonNode json) {

    public JsonNode data() {
        return json.path("_data");
    }

    public JsonNode errors() {
        return json.path("_errors");
    }

    public String firstError() {
        return json.path("_errors").path(0).asString("");
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
        return status + " " + (raw.length() > 2000 ? raw.substring(0, 2000) + "..." : raw);
    }
}
