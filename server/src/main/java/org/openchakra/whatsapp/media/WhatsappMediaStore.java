package org.openchakra.whatsapp.media;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.blob.BlobStore;
import org.openchakra.blob.StoredBlob;
import org.openchakra.whatsapp.meta.MetaClient;
import org.openchakra.whatsapp.meta.MetaError;
import org.openchakra.whatsapp.meta.MetaReply;
import org.openchakra.whatsapp.meta.MetaTarget;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * WhatsApp media kept by OpenChakra (whatsapp.md §5): the {@code whatsapp_media} rows of a team and their
 * bytes in the blob store, and the one way media get there: looked up at Meta (the object's URL lives
 * minutes), downloaded with the plugin's token and streamed into the blob store. Inbound messages fetch
 * their media at once; media reads fetch what is not here yet.
 */
@Component
public class WhatsappMediaStore {

    /** Meta's largest media (documents, meta-cloud-api.md §4). */
    public static final long MAX_BYTES = 100L << 20;

    private static final String COLUMNS =
            "team_id, plugin_id, media_id, blob_key, mime_type, sha256, file_size, filename";

    /** A medium whose bytes are here. */
    public record StoredMedia(
            UUID teamId,
            UUID pluginId,
            String mediaId,
            String blobKey,
            String mimeType,
            String sha256,
            long fileSize,
            String filename) {}

    /** What fetching a medium from Meta came to. */
    public sealed interface Fetched {}

    /** The bytes are here now (or were already, stored by a fetch that ran at the same time). */
    public record Stored(StoredMedia media) implements Fetched {}

    /** Meta refused the lookup (an unknown id, another account's medium, a bad token): its answer. */
    public record Refused(MetaReply reply) implements Fetched {

        /** Meta's way of saying "no such object for you": code 100, or a bare 404. */
        public boolean unknownObject() {
            return reply.error().map(e -> e.code() == 100).orElse(reply.status() == 404);
        }

        @Override
        public String toString() {
            return "Meta refused the lookup: "
                    + reply.error().map(MetaError::summary).orElse("HTTP " + reply.status());
        }
    }

    /** Meta knows the id, but as something else than a medium (a phone number, a WABA): no such medium. */
    public record NotMedia(String mediaId) implements Fetched {

        @Override
        public String toString() {
            return mediaId + " is not a media id";
        }
    }

    /** Meta gave a URL, but downloading it failed: {@code reason} says how. */
    public record DownloadFailed(String reason) implements Fetched {

        @Override
        public String toString() {
            return reason;
        }
    }

    private final MetaClient meta;
    private final BlobStore blobs;
    private final JdbcClient jdbc;

    public WhatsappMediaStore(MetaClient meta, BlobStore blobs, JdbcClient jdbc) {
        this.meta = meta;
        this.blobs = blobs;
        this.jdbc = jdbc;
    }

    public Optional<StoredMedia> find(UUID teamId, String mediaId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM whatsapp_media WHERE team_id = :team AND media_id = :media")
                .param("team", teamId)
                .param("media", mediaId)
                .query((rs, n) -> new StoredMedia(
                        rs.getObject("team_id", UUID.class),
                        rs.getObject("plugin_id", UUID.class),
                        rs.getString("media_id"),
                        rs.getString("blob_key"),
                        rs.getString("mime_type"),
                        rs.getString("sha256"),
                        rs.getLong("file_size"),
                        rs.getString("filename")))
                .optional();
    }

    /**
     * Meta's {@code GET {version}/{mediaId}[?phone_number_id=]}, then the download of its URL, streamed into
     * the blob store and recorded for the team. {@code filename} is what a message said of the file, if
     * anything. Throws {@link org.openchakra.whatsapp.meta.MetaUnavailableException} when Meta cannot be
     * reached and IOException when the blob store fails (BlobTooLargeException over {@link #MAX_BYTES}).
     */
    public Fetched fetch(
            UUID teamId,
            UUID pluginId,
            MetaTarget target,
            String version,
            String mediaId,
            String phoneNumberId,
            String filename)
            throws IOException {
        String query = phoneNumberId == null
                ? ""
                : "?phone_number_id=" + URLEncoder.encode(phoneNumberId, StandardCharsets.UTF_8);
        MetaReply lookup = meta.get(target, version + "/" + URLEncoder.encode(mediaId, StandardCharsets.UTF_8) + query);
        if (!lookup.ok()) {
            return new Refused(lookup);
        }
        JsonNode object = lookup.json();
        String url = object.path("url").asString("");
        if (url.isEmpty()) {
            // A medium has a url and a mime_type; an object with neither is another kind of object.
            return object.has("mime_type")
                    ? new DownloadFailed(
                            "Meta answered the media lookup with HTTP " + lookup.status() + " but without a url")
                    : new NotMedia(mediaId);
        }
        URI location;
        try {
            location = URI.create(url);
        } catch (IllegalArgumentException e) {
            return new DownloadFailed("Meta's media URL is not a URL");
        }
        HttpResponse<InputStream> download = meta.download(target, location);
        StoredBlob blob;
        try (InputStream body = download.body()) {
            if (download.statusCode() != 200) {
                return new DownloadFailed("Meta's media URL answered HTTP " + download.statusCode());
            }
            blob = blobs.put(new Upstream(body), MAX_BYTES);
        } catch (UpstreamBroke e) {
            return new DownloadFailed(
                    "Meta's download broke off: " + e.getCause().getMessage());
        }
        String mime = object.path("mime_type")
                .asString(download.headers().firstValue("Content-Type").orElse(null));
        String sha = object.path("sha256").asString(blob.sha256());
        int inserted = jdbc.sql("INSERT INTO whatsapp_media (" + COLUMNS + ") VALUES (:team, :plugin, :media, :key,"
                        + " :mime, :sha, :size, :filename) ON CONFLICT (team_id, media_id) DO NOTHING")
                .param("team", teamId)
                .param("plugin", pluginId)
                .param("media", mediaId)
                .param("key", blob.key())
                .param("mime", mime)
                .param("sha", sha)
                .param("size", blob.sizeBytes())
                .param("filename", filename)
                .update();
        if (inserted == 0) {
            blobs.discard(blob.key()); // a fetch that ran at the same time stored it first
        }
        return new Stored(find(teamId, mediaId).orElseThrow());
    }

    /** Tells a failure of Meta's side of the copy from one of the blob store's (the server's own disk). */
    private static final class UpstreamBroke extends IOException {
        UpstreamBroke(IOException cause) {
            super(cause);
        }
    }

    private static final class Upstream extends FilterInputStream {
        Upstream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw new UpstreamBroke(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException e) {
                throw new UpstreamBroke(e);
            }
        }
    }
}
