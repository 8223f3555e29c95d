package org.openchakra.whatsapp.template;

import java.net.URI;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * whatsapp.md §4: Meta's {@code paging.next} and {@code paging.previous} point at graph.facebook.com (and
 * carry the plugin's token). They are rewritten to the same OpenChakra path with the caller's query and
 * Meta's cursor, so that a client following them stays on OpenChakra and never sees a token.
 */
public final class PagingLinks {

    /** Meta's cursor parameters: those of the link replace the caller's, never add to them. */
    private static final Set<String> CURSORS = Set.of("after", "before");

    private static final Set<String> LINKS = Set.of("next", "previous");

    private PagingLinks() {}

    /** Rewrites the links of {@code body} in place; {@code selfUrl} is the OpenChakra URL without query. */
    public static void rewrite(JsonNode body, String selfUrl, PassThroughQuery callerQuery) {
        if (!(body.path("paging") instanceof ObjectNode paging)) {
            return;
        }
        for (String link : LINKS) {
            JsonNode value = paging.get(link);
            if (value == null || !value.isString()) {
                continue;
            }
            String rewritten = rewrite(value.stringValue(), selfUrl, callerQuery);
            if (rewritten == null) {
                paging.remove(link);
            } else {
                paging.put(link, rewritten);
            }
        }
    }

    private static String rewrite(String metaLink, String selfUrl, PassThroughQuery callerQuery) {
        PassThroughQuery linkQuery;
        try {
            linkQuery = PassThroughQuery.parse(URI.create(metaLink).getRawQuery());
        } catch (RuntimeException unreadable) {
            // A link that cannot be read cannot be rewritten, and Meta's own must not reach the caller.
            return null;
        }
        return selfUrl + callerQuery.without(CURSORS).overriddenBy(linkQuery).suffix();
    }
}
