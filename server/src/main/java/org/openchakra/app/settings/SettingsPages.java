package org.openchakra.app.settings;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.openchakra.app.PageTimes;
import org.openchakra.web.ApiException;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** What the settings pages share: times in the person's zone, form values read as the admin API's bodies. */
final class SettingsPages {

    static final int PAGE = 50;
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SettingsPages() {}

    static String time(Instant at, ZoneId zone) {
        return PageTimes.full(at, zone);
    }

    /** The form's non-blank values of {@code fields} as a JSON body (blank ones left out, as not given). */
    static ObjectNode body(Map<String, String> form, String... fields) {
        ObjectNode body = JSON.objectNode();
        for (String field : fields) {
            String value = form.get(field);
            if (value != null && !value.isBlank()) {
                body.put(field, value.strip());
            }
        }
        return body;
    }

    /** A page number from 1. */
    static int page(int page) {
        if (page < 1 || page > 1_000_000) {
            throw ApiException.badRequest("page", "'page' must be a number from 1");
        }
        return page;
    }

    /** An id in a form: a malformed one names nothing, like another team's (404). */
    static UUID id(String value) {
        try {
            return UUID.fromString(value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Not found");
        }
    }
}
