package org.openchakra.whatsapp.template;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.openchakra.whatsapp.meta.MetaClient;
import org.openchakra.whatsapp.meta.MetaReply;
import org.openchakra.whatsapp.meta.MetaTarget;
import org.openchakra.whatsapp.meta.MetaUpstreamException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Reads a WABA's templates from Meta (meta-cloud-api.md §3.1), following {@code paging.cursors.after}
 * page by page. A refusal throws {@link MetaUpstreamException}; an unreachable Meta, its 502/504.
 */
@Component
class MetaTemplates {

    private static final int PAGE = 100;
    /** 250 templates per WABA (6,000 for verified portfolios): 100 pages is more than any WABA holds. */
    private static final int MAX_PAGES = 100;

    private final MetaClient meta;

    public MetaTemplates(MetaClient meta) {
        this.meta = meta;
    }

    /** Every template of the WABA. */
    public List<JsonNode> all(MetaTarget target, String version, String wabaId) {
        return read(target, version, wabaId, "");
    }

    /**
     * The templates named {@code name}, every language. Meta's {@code name} filter matches parts of names,
     * so the answer is narrowed to the exact name here.
     */
    public List<JsonNode> named(MetaTarget target, String version, String wabaId, String name) {
        return read(target, version, wabaId, "&name=" + encode(name)).stream()
                .filter(t -> name.equals(t.path("name").asString("")))
                .toList();
    }

    private List<JsonNode> read(MetaTarget target, String version, String wabaId, String filter) {
        List<JsonNode> all = new ArrayList<>();
        String after = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String path = version + "/" + wabaId + "/message_templates?limit=" + PAGE + filter
                    + (after == null ? "" : "&after=" + encode(after));
            MetaReply reply = meta.get(target, path);
            // A listing without its list must not pass for an empty WABA: the cache would be emptied.
            reply.dataList("the template listing of WABA " + wabaId).values().forEach(all::add);
            JsonNode body = reply.json();
            JsonNode paging = body.path("paging");
            after = paging.path("cursors").path("after").asString("");
            if (!paging.path("next").isString() || after.isEmpty()) {
                break;
            }
        }
        return all;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
