package org.openchakra.web;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/** The request id: the caller's {@code X-Request-Id} when it is sane, else a new one; kept in the MDC for logs. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    // A caller's id is echoed into headers and logs, so only short, plain ones are taken as they are.
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private RequestIds() {}

    static String fromHeader(String header) {
        return header != null && ACCEPTABLE.matcher(header).matches() ? header : newId();
    }

    /**
     * A random (version 4) UUID from the thread's generator: a request id must be unique, not secret, and
     * {@link UUID#randomUUID()}'s SecureRandom was a visible cost at thousands of requests a second.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(high, low).toString();
    }

    public static String current() {
        return MDC.get(MDC_KEY);
    }
}
