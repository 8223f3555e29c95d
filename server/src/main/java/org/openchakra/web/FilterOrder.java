package org.openchakra.web;

import org.springframework.core.Ordered;

/** The order of our servlet filters: request id and access log, CORS, body limit, Meta's notifications, authentication, rate
 * limit. */
public final class FilterOrder {
    public static final int REQUEST_LOG = Ordered.HIGHEST_PRECEDENCE + 10;
    /** Before authentication: a preflight carries no token. */
    public static final int CORS = REQUEST_LOG + 5;

    public static final int BODY_LIMIT = REQUEST_LOG + 10;
    /** Meta's notifications, served here within the body limit, past authentication and rate limit. */
    public static final int META_WEBHOOK = BODY_LIMIT + 1;

    public static final int AUTHENTICATION = BODY_LIMIT + 10;
    public static final int RATE_LIMIT = AUTHENTICATION + 10;

    private FilterOrder() {}
}
