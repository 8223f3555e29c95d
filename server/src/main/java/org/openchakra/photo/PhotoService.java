package org.openchakra.photo;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
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
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;

/**
 * Photos (platform.md §7): the bytes go to the blob store, the metadata to the {@code photo} table. An
 * upload that fails at any step leaves neither: the blob is written first and removed again when the row
 * cannot be.
 */
@Service
class PhotoService {

    /** platform.md §7: at most 20 MiB per photo. */
    public static final long MAX_BYTES = 20L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(PhotoService.class);

    private final PhotoRepository photos;
    private final BlobStore blobs;

    public PhotoService(PhotoRepository photos, BlobStore blobs) {
        this.photos = photos;
        this.blobs = blobs;
    }

    /** Stores an upload; {@code id} is the caller's choice or null for a new one, {@code userId} null for keys. */
    Photo create(UUID teamId, UUID userId, UUID id, PhotoForm form) {
        if (form.size() > MAX_BYTES) {
            throw tooLarge();
        }
        // Spares the copy in the common case; the insert below still settles a race on the same id.
        if (id != null && photos.idTaken(id)) {
            throw idTaken();
        }
        byte[] head;
        StoredBlob blob;
        try (InputStream in = new BufferedInputStream(form.content().getInputStream())) {
            in.mark(FileTypes.HEAD_BYTES);
            head = in.readNBytes(FileTypes.HEAD_BYTES);
            in.reset();
            blob = blobs.put(in, MAX_BYTES);
        } catch (BlobTooLargeException e) {
            throw tooLarge();
        } catch (IOException e) {
            throw new UncheckedIOException("Storing an uploaded photo failed", e);
        }
        boolean kept = false;
        try {
            Optional<ImageDimensions.Size> size = dimensions(blob.key());
            String filetype = FileTypes.resolve(form.filetype(), form.partContentType(), head, form.filename());
            Photo photo = photos.insert(new Photo(
                            id,
                            teamId,
                            userId,
                            form.filename(),
                            filetype,
                            blob.sizeBytes(),
                            size.map(ImageDimensions.Size::height).orElse(null),
                            size.map(ImageDimensions.Size::width).orElse(null),
                            blob.key(),
                            null,
                            null))
                    .orElseThrow(PhotoService::idTaken);
            kept = true;
            log.info("Photo {} stored: {} bytes, {}", photo.id(), photo.sizeBytes(), photo.filetype());
            return photo;
        } finally {
            if (!kept) {
                blobs.discard(blob.key());
            }
        }
    }

    public Photo get(UUID teamId, UUID id) {
        return photos.find(teamId, id).orElseThrow(PhotoService::notFound);
    }

    /** The bytes of a photo of the team, as a resource streamed when written out. */
    public Content content(UUID teamId, UUID id) {
        Photo photo = get(teamId, id);
        Resource resource = blobs.content(photo.blobKey(), "photo " + id);
        return new Content(photo, resource, FileTypes.servable(photo.filetype(), photo.filename()));
    }

    public record Content(Photo photo, Resource resource, MediaType mediaType) {}

    private Optional<ImageDimensions.Size> dimensions(String key) {
        try {
            return blobs.open(key).flatMap(ImageDimensions::of);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(
                HttpStatus.CONTENT_TOO_LARGE,
                List.of(new ErrorDetail(
                        ErrorDetail.PAYLOAD_TOO_LARGE,
                        "The photo is larger than the limit of 20 MiB (" + MAX_BYTES + " bytes)",
                        PhotoForm.PHOTO)));
    }

    /** The same answer whichever team holds the id: saying more would tell one team about another's photos. */
    private static ApiException idTaken() {
        return ApiException.conflict("photoId", "A photo with this id already exists");
    }

    private static ApiException notFound() {
        return ApiException.notFound("Photo not found");
    }
}
