package org.openchakra.optout;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A number of a team that asked not to get marketing messages (campaigns.md §4). */
public record OptOut(String phoneNumber, String reason, Source source, Instant createdAt) {

    /** How the number came on the list: the API, a keyword the customer sent, or a person in the inbox. */
    public enum Source {
        API,
        KEYWORD,
        INBOX
    }

    public Map<String, Object> view() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("phoneNumber", phoneNumber);
        v.put("reason", reason);
        v.put("source", source.name());
        v.put("createdAt", createdAt.toEpochMilli());
        return v;
    }
}
