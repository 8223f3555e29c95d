package org.openchakra.whatsapp.media;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.blob.BlobStore;
import org.openchakra.blob.BlobTooLargeException;
import org.openchakra.blob.StoredBlob;
import org.openchakra.web.ApiException;
import org.openchakra.web.ErrorDetail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Public media (whatsapp.md §5): an upload is typed by its bytes, held to WhatsApp's limit for that type,
 * streamed into the blob store and recorded; a failure at any step leaves neither blob nor row.
 */
@Service
class PublicMediaService {

    private static final Logger log = LoggerFactory.getLogger(PublicMediaService.class);

    private final PublicMediaRepository media;
    private final BlobStore blobs;
    private final Clock clock = Clock.systemUTC();

    PublicMediaService(PublicMediaRepository media, BlobStore blobs) {
        this.media = media;
        this.blobs = blobs;
    }

    PublicMedia publish(UUID teamId, UUID pluginId, PublicMediaForm form) {
        MediaKind.Type type;
        long limit;
        StoredBlob blob;
        try (InputStream in = new BufferedInputStream(form.content().getInputStream(), MediaContentType.HEAD_BYTES)) {
            in.mark(MediaContentType.HEAD_BYTES);
            byte[] head = in.readNBytes(MediaContentType.HEAD_BYTES);
            in.reset();
            type = MediaContentType.resolve(head, form.partContentType(), form.filename());
            limit = type.kind() == MediaKind.STICKER && MediaContentType.animatedWebp(head)
                    ? MediaKind.ANIMATED_STICKER_MAX_BYTES
                    : type.kind().maxBytes();
            if (form.size() > limit) {
                throw tooLarge(type, limit);
            }
            blob = blobs.put(in, limit);
        } catch (BlobTooLargeException e) {
            // The container's size was wrong or unknown: the copy itself found the excess.
            throw new ApiException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    List.of(new ErrorDetail(
                            ErrorDetail.PAYLOAD_TOO_LARGE,
                            "The file is larger than the limit of " + e.maxBytes() + " bytes",
                            PublicMediaForm.FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException("Storing an uploaded public medium failed", e);
        }
        PublicMedia published = new PublicMedia(
                UUID.randomUUID(),
                teamId,
                pluginId,
                LocalDate.now(clock),
                type.extension(),
                type.mime(),
                blob.key(),
                blob.sizeBytes(),
                form.filename());
        boolean kept = false;
        try {
            media.insert(published);
            kept = true;
        } finally {
            if (!kept) {
                blobs.discard(blob.key());
            }
        }
        log.info("Public medium {} stored: {} bytes, {}", published.id(), published.fileSize(), published.mimeType());
        return published;
    }

    /** The medium and its bytes at exactly this URL, if there is one. */
    Optional<Content> find(UUID teamId, LocalDate createdOn, UUID id, String extension) {
        return media.find(teamId, createdOn, id, extension).map(found -> new Content(found, open(found)));
    }

    record Content(PublicMedia media, Resource resource) {}

    private Resource open(PublicMedia found) {
        return blobs.content(found.blobKey(), "public medium " + found.id());
    }

    private static ApiException tooLarge(MediaKind.Type type, long limit) {
        return new ApiException(
                HttpStatus.CONTENT_TOO_LARGE,
                List.of(new ErrorDetail(
                        ErrorDetail.PAYLOAD_TOO_LARGE,
                        "The file is larger than WhatsApp's limit for "
                                + type.kind().name().toLowerCase(Locale.ROOT) + " (" + type.mime() + "): "
                                + MediaKind.humanSize(limit) + " (" + limit + " bytes)",
                        PublicMediaForm.FILE)));
    }
}
