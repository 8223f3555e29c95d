package org.openchakra.web;

import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/** The request id: the caller's {@code X-Request-Id} when it is sane, else a new one; kept in the MDC for logs. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    // A caller's id is echoed into headers and logs, so only short, plain ones are taken as they are.
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private RequestIds() {
    }

    static String fromHeader(String header) {
        return header != null && ACCEPTABLE.matcher(header).matches() ? header : UUID.randomUUID().toString();
    }

    public static String current() {
        return MDC.get(MDC_KEY);
    }
}
