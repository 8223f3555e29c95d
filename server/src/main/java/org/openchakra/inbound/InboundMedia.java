package org.openchakra.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.blob.BlobStore;
import org.openchakra.blob.StoredBlob;
import org.openchakra.whatsapp.meta.MetaClient;
import org.openchakra.whatsapp.meta.MetaReply;
import org.openchakra.whatsapp.meta.MetaTarget;
import org.openchakra.whatsapp.meta.MetaUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Inbound media (whatsapp.md §5): fetched from Meta as soon as the message is processed, since Meta's
 * download URLs live minutes, and kept in the blob store under the team. Streamed end to end.
 */
@Component
class InboundMedia {

    private static final Logger log = LoggerFactory.getLogger(InboundMedia.class);
    /** Meta's largest media (documents, meta-cloud-api.md §4). */
    private static final long MAX_BYTES = 100L * 1024 * 1024;

    /** What a chat message's {@code attachments} entry says about a stored medium. */
    record Attachment(String mediaId, String mimeType, long fileSize, String sha256, String filename, boolean stored) {
    }

    private final MetaClient meta;
    private final BlobStore blobs;
    private final JdbcClient jdbc;

    InboundMedia(MetaClient meta, BlobStore blobs, JdbcClient jdbc) {
        this.meta = meta;
        this.blobs = blobs;
        this.jdbc = jdbc;
    }

    /** The media of a message, stored (or found stored already); empty when the message carries none. */
    Optional<Attachment> fetch(UUID teamId, UUID pluginId, MetaTarget target, String version, JsonNode message) {
        String type = message.path("type").asString("");
        JsonNode content = message.path(type);
        String mediaId = NotificationOwners.idText(content.path("id"));
        if (mediaId == null || !content.has("mime_type")) {
            return Optional.empty();
        }
        String filename = content.path("filename").isString() ? content.path("filename").stringValue() : null;
        Optional<Attachment> known = stored(teamId, mediaId, filename);
        if (known.isPresent()) {
            return known;
        }
        try {
            MetaReply object = meta.get(target, version + "/" + mediaId);
            String url = object.json().path("url").asString("");
            if (!object.ok() || url.isEmpty()) {
                return Optional.of(notStored(mediaId, content, filename));
            }
            HttpResponse<InputStream> download = meta.download(target, URI.create(url));
            try (InputStream body = download.body()) {
                if (download.statusCode() != 200) {
                    return Optional.of(notStored(mediaId, content, filename));
                }
                StoredBlob blob = blobs.put(body, MAX_BYTES);
                String mime = object.json().path("mime_type").asString(content.path("mime_type").asString(null));
                String sha = object.json().path("sha256").asString(content.path("sha256").asString(null));
                jdbc.sql("INSERT INTO whatsapp_media (team_id, plugin_id, media_id, blob_key, mime_type, sha256,"
                                + " file_size, filename) VALUES (:team, :plugin, :media, :key, :mime, :sha, :size,"
                                + " :filename) ON CONFLICT (team_id, media_id) DO NOTHING")
                        .param("team", teamId).param("plugin", pluginId).param("media", mediaId)
                        .param("key", blob.key()).param("mime", mime).param("sha", sha)
                        .param("size", blob.sizeBytes()).param("filename", filename)
                        .update();
                return stored(teamId, mediaId, filename);
            }
        } catch (MetaUnavailableException | IOException | IllegalArgumentException e) {
            // The message is kept either way; its attachment says the bytes are not here.
            log.warn("Inbound media {} not fetched: {}", mediaId, e.getMessage());
            return Optional.of(notStored(mediaId, content, filename));
        }
    }

    private Optional<Attachment> stored(UUID teamId, String mediaId, String filename) {
        return jdbc.sql("SELECT mime_type, file_size, sha256, filename FROM whatsapp_media"
                        + " WHERE team_id = :team AND media_id = :media")
                .param("team", teamId).param("media", mediaId)
                .query((rs, n) -> new Attachment(mediaId, rs.getString("mime_type"), rs.getLong("file_size"),
                        rs.getString("sha256"), rs.getString("filename") != null ? rs.getString("filename") : filename,
                        true))
                .optional();
    }

    private static Attachment notStored(String mediaId, JsonNode content, String filename) {
        return new Attachment(mediaId, content.path("mime_type").asString(null), 0,
                content.path("sha256").asString(null), filename, false);
    }
}
