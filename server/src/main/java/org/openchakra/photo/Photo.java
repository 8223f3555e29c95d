package org.openchakra.photo;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A stored photo (platform.md §7): its metadata row; the bytes live in the blob store under {@code blobKey}.
 * {@code userId} is null for uploads made with an API key (keys are not users).
 */
record Photo(
        UUID id,
        UUID teamId,
        UUID userId,
        String filename,
        String filetype,
        long sizeBytes,
        Integer height,
        Integer width,
        String blobKey,
        Instant createdAt,
        Instant updatedAt) {

    /** Where a caller fetches the bytes: a path on this server. */
    public String contentPath() {
        return "/v1/ext/photo/" + id + "/content";
    }

    /** The photo object on the wire, in the contract's field order; the fetch adds {@code url}. */
    Map<String, Object> view(boolean withUrl) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("createdAt", createdAt.toEpochMilli());
        m.put("updatedAt", updatedAt.toEpochMilli());
        m.put("filetype", filetype);
        m.put("filename", filename);
        m.put("height", height);
        m.put("width", width);
        // Photos are served to authenticated callers only; nothing here publishes them.
        m.put("isPublic", false);
        m.put("team", teamId);
        m.put("user", userId);
        if (withUrl) {
            m.put("url", contentPath());
        }
        return m;
    }
}
