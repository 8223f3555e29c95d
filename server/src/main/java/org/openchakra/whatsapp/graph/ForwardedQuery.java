package org.openchakra.whatsapp.graph;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.StringJoiner;
import org.openchakra.web.ApiException;

/**
 * A caller's query string as it goes on to Meta: decoded and encoded again, so that what reaches Meta is
 * well formed whatever the caller wrote, bounded, and without credentials (Meta's calls carry the
 * plugin's token; a caller's own {@code access_token} must not replace it).
 */
public final class ForwardedQuery {

    static final int MAX_LENGTH = 8 * 1024;
    static final int MAX_PARAMETERS = 50;
    static final Set<String> CREDENTIALS = Set.of("access_token", "appsecret_proof");

    private ForwardedQuery() {
    }

    /** {@code ?a=1&b=2}, or the empty string; 400 when {@code raw} cannot be passed on. */
    public static String suffix(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        if (raw.length() > MAX_LENGTH) {
            throw ApiException.badRequest(null, "The query string is longer than " + MAX_LENGTH + " characters");
        }
        String[] pairs = raw.split("&");
        if (pairs.length > MAX_PARAMETERS) {
            throw ApiException.badRequest(null, "The query string has more than " + MAX_PARAMETERS + " parameters");
        }
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!name.isEmpty() && !CREDENTIALS.contains(name)) {
                query.add(encode(name) + "=" + encode(value));
            }
        }
        return query.toString();
    }

    static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(null, "Malformed query string or form body: a bad %-escape");
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
