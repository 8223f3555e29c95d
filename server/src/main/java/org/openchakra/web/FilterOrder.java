package org.openchakra.web;

import org.springframework.core.Ordered;

/** The order of our servlet filters: request id and access log, body limit, authentication, rate limit. */
public final class FilterOrder {
    public static final int REQUEST_LOG = Ordered.HIGHEST_PRECEDENCE + 10;
    public static final int BODY_LIMIT = REQUEST_LOG + 10;
    public static final int AUTHENTICATION = BODY_LIMIT + 10;
    public static final int RATE_LIMIT = AUTHENTICATION + 10;

    private FilterOrder() {}
}
