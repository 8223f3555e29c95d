package org.openchakra.whatsapp.graph;

import java.net.URI;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Meta's {@code paging.next} and {@code paging.previous} point at graph.facebook.com and carry the plugin's
 * token. They are made to point at the same OpenChakra path with Meta's query less any credential, so a
 * client following them stays on OpenChakra and never sees a token.
 */
public final class PagingLinks {

    private PagingLinks() {
    }

    /** Rewrites {@code body}'s links in place; {@code selfUrl} is the OpenChakra URL without its query. */
    public static void rewrite(JsonNode body, String selfUrl) {
        if (!(body.path("paging") instanceof ObjectNode paging)) {
            return;
        }
        for (String link : new String[] {"next", "previous"}) {
            JsonNode value = paging.get(link);
            if (value == null || !value.isString()) {
                continue;
            }
            try {
                paging.put(link, selfUrl + ForwardedQuery.suffix(URI.create(value.stringValue()).getRawQuery()));
            } catch (RuntimeException unreadable) {
                // A link that cannot be rewritten must not reach the caller as Meta wrote it.
                paging.remove(link);
            }
        }
    }
}
