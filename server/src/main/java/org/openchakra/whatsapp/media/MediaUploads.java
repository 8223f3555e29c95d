package org.openchakra.whatsapp.media;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchakra.blob.BlobStore;
import org.openchakra.blob.BlobTooLargeException;
import org.openchakra.blob.StoredBlob;
import org.openchakra.web.ApiException;
import org.openchakra.web.ErrorDetail;
import org.openchakra.whatsapp.meta.MetaClient;
import org.openchakra.whatsapp.meta.MetaReply;
import org.openchakra.whatsapp.meta.MetaUpstreamException;
import org.openchakra.whatsapp.plugin.PluginDirectory;
import org.springframework.core.io.InputStreamSource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A file a person attaches in the inbox, made ready to send (whatsapp.md §5): typed by its bytes, held to
 * WhatsApp's limit for its kind, kept in the blob store (so the conversation shows it as it shows inbound
 * media), and uploaded to Meta's {@code /media} edge of the sender number, whose media id the message names.
 * The stored row is the {@code whatsapp_media} row inbound media get, under Meta's id.
 */
@Service
public class MediaUploads {

    /** The uploaded medium: what the message sends ({@code kind} is its Meta type) and what it records. */
    public record Uploaded(
            String mediaId, String kind, String mimeType, long fileSize, String sha256, String filename) {}

    private final BlobStore blobs;
    private final MetaClient meta;
    private final JdbcClient jdbc;

    MediaUploads(BlobStore blobs, MetaClient meta, JdbcClient jdbc) {
        this.blobs = blobs;
        this.meta = meta;
        this.jdbc = jdbc;
    }

    /**
     * {@code field} names the form field in refusals. Throws 415 for a type WhatsApp does not take, 413 over
     * its limit, Meta's refusal relayed, 502/504 when Meta cannot be reached; nothing is kept then.
     */
    public Uploaded upload(
            UUID teamId,
            PluginDirectory.Resolved plugin,
            String version,
            String phoneNumberId,
            InputStreamSource content,
            long size,
            String filename,
            String partContentType,
            String field) {
        MediaKind.Type type;
        StoredBlob blob;
        String sha256;
        try (InputStream in = new BufferedInputStream(content.getInputStream(), MediaContentType.HEAD_BYTES)) {
            in.mark(MediaContentType.HEAD_BYTES);
            byte[] head = in.readNBytes(MediaContentType.HEAD_BYTES);
            in.reset();
            type = MediaContentType.resolve(head, partContentType, filename);
            long limit = type.kind() == MediaKind.STICKER && MediaContentType.animatedWebp(head)
                    ? MediaKind.ANIMATED_STICKER_MAX_BYTES
                    : type.kind().maxBytes();
            if (size > limit) {
                throw tooLarge(limit, field);
            }
            DigestInputStream digesting = new DigestInputStream(in, sha256());
            blob = blobs.put(digesting, limit);
            sha256 = HexFormat.of().formatHex(digesting.getMessageDigest().digest());
        } catch (BlobTooLargeException e) {
            throw tooLarge(e.maxBytes(), field);
        } catch (IOException e) {
            throw new UncheckedIOException("Storing an attachment failed", e);
        }
        String name = filename == null || filename.isBlank() ? "file." + type.extension() : filename;
        boolean kept = false;
        try {
            MetaReply reply = meta.postMultipart(
                    plugin.target(),
                    version + "/" + phoneNumberId + "/media",
                    Map.of("messaging_product", "whatsapp", "type", type.mime()),
                    "file",
                    name,
                    type.mime(),
                    () -> {
                        try {
                            return blobs.content(blob.key(), "attachment " + blob.key())
                                    .getInputStream();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
            String mediaId = reply.json().path("id").asString("");
            if (!reply.ok() || mediaId.isEmpty()) {
                throw new MetaUpstreamException(reply);
            }
            jdbc.sql("INSERT INTO whatsapp_media (team_id, plugin_id, media_id, blob_key, mime_type, sha256,"
                            + " file_size, filename) VALUES (:team, :plugin, :media, :key, :mime, :sha, :size,"
                            + " :filename) ON CONFLICT (team_id, media_id) DO NOTHING")
                    .param("team", teamId)
                    .param("plugin", plugin.plugin().id())
                    .param("media", mediaId)
                    .param("key", blob.key())
                    .param("mime", type.mime())
                    .param("sha", sha256)
                    .param("size", blob.sizeBytes())
                    .param("filename", name)
                    .update();
            kept = true;
            return new Uploaded(mediaId, metaType(type.kind()), type.mime(), blob.sizeBytes(), sha256, name);
        } finally {
            if (!kept) {
                blobs.discard(blob.key());
            }
        }
    }

    private static String metaType(MediaKind kind) {
        return switch (kind) {
            case IMAGE -> "image";
            case VIDEO -> "video";
            case AUDIO -> "audio";
            case STICKER -> "sticker";
            case DOCUMENT -> "document";
        };
    }

    private static ApiException tooLarge(long limit, String field) {
        return new ApiException(
                HttpStatus.CONTENT_TOO_LARGE,
                List.of(new ErrorDetail(
                        ErrorDetail.PAYLOAD_TOO_LARGE,
                        "The file is larger than WhatsApp's limit of " + MediaKind.humanSize(limit) + " for its type",
                        field)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
