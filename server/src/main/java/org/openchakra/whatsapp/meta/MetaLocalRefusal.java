package org.openchakra.whatsapp.meta;

import java.util.Map;
import org.openchakra.web.ApiException;
import org.openchakra.web.ErrorDetail;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A refusal decided by OpenChakra before calling Meta, answered in Meta's error format (whatsapp.md §2.2,
 * §2.3) so that Meta-format and Chakra-format clients read it as they read Meta's own. Rendered by
 * {@link MetaUpstreamExceptionHandler}.
 */
public class MetaLocalRefusal extends ApiException {

    private static final String OAUTH = "OAuthException";

    private final transient ResponseEntity<Object> answer;

    private MetaLocalRefusal(HttpStatus status, int code, String title, String details, Map<String, String> headers) {
        super(status, ErrorDetail.UPSTREAM_ERROR, "(#" + code + ") " + title);
        this.answer = MetaErrorRelay.local(status, code, OAUTH, title, details, headers);
    }

    public ResponseEntity<Object> answer() {
        return answer;
    }

    /** Meta's wording for a missing parameter: {@code (#100) The parameter to is required.} */
    public static MetaLocalRefusal requiredParameter(String name, String details) {
        return new MetaLocalRefusal(
                HttpStatus.BAD_REQUEST, 100, "The parameter " + name + " is required.", details, Map.of());
    }

    /** Code 100 with the problem as the message, as Meta words them ({@code (#100) Param to must be ...}). */
    public static MetaLocalRefusal invalidParameter(String problem) {
        return new MetaLocalRefusal(HttpStatus.BAD_REQUEST, 100, problem, problem, Map.of());
    }

    /** 131047: a free-form message to a customer who has not written in the last 24 hours. */
    public static MetaLocalRefusal reEngagement() {
        return new MetaLocalRefusal(
                HttpStatus.BAD_REQUEST,
                131047,
                "Re-engagement message",
                "Message failed to send because more than 24 hours have passed since the customer last replied to"
                        + " this number.",
                Map.of());
    }

    /** 130429: the sender number's throughput is used up (HTTP 429, as several integrations expect). */
    public static MetaLocalRefusal throughput(long retryAfterSeconds) {
        return new MetaLocalRefusal(
                HttpStatus.TOO_MANY_REQUESTS,
                130429,
                "Rate limit hit",
                "Cloud API message throughput has been reached.",
                Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }
}
