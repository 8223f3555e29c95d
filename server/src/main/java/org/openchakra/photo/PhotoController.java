package org.openchakra.photo;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.UUID;
import org.openchakra.blob.BlobResponses;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.RequiresPrivilege;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The Photos API (platform.md §7): multipart upload, metadata, and the bytes themselves. */
@RestController
class PhotoController {

    /** Content under an id never changes, so clients may keep it; private, because it needs a token. */
    private static final CacheControl CACHE =
            CacheControl.maxAge(Duration.ofDays(1)).cachePrivate();

    private final PhotoService photos;

    public PhotoController(PhotoService photos) {
        this.photos = photos;
    }

    /**
     * The body is read through the servlet request rather than {@code @RequestPart}, so that a missing part
     * names {@code photo} and a JSON body is told to be multipart, both in the envelope.
     */
    @PostMapping("/v1/ext/photo")
    @RequiresPrivilege(Privileges.PHOTO_WRITE)
    @ApiOperation(
            id = "uploadPhoto",
            summary = "Upload a photo",
            body = PhotoSchemas.PhotoUpload.class,
            bodyMediaType = "multipart/form-data",
            data = PhotoSchemas.PhotoAnswer.class)
    public ApiResponse upload(Caller caller, HttpServletRequest request) {
        return ApiResponse.ok(create(caller, null, request).view(false));
    }

    @PostMapping("/v1/ext/photo/{photoId}")
    @RequiresPrivilege(Privileges.PHOTO_WRITE)
    @ApiOperation(
            id = "uploadPhotoWithId",
            summary = "Upload a photo under an id of the caller's choosing",
            body = PhotoSchemas.PhotoUpload.class,
            bodyMediaType = "multipart/form-data",
            data = PhotoSchemas.PhotoAnswer.class)
    public ApiResponse uploadWithId(Caller caller, @PathVariable UUID photoId, HttpServletRequest request) {
        return ApiResponse.ok(create(caller, photoId, request).view(false));
    }

    @GetMapping("/v1/ext/photo/{photoId}")
    @RequiresPrivilege(Privileges.PHOTO_READ)
    @ApiOperation(
            id = "getPhoto",
            summary = "A photo's metadata and the path of its bytes",
            data = PhotoSchemas.PhotoAnswer.class)
    public ApiResponse get(Caller caller, @PathVariable UUID photoId) {
        return ApiResponse.ok(photos.get(caller.teamId(), photoId).view(true));
    }

    /** The bytes, streamed from the blob store, with Range and If-None-Match answered ({@link BlobResponses}). */
    @GetMapping("/v1/ext/photo/{photoId}/content")
    @RequiresPrivilege(Privileges.PHOTO_READ)
    @ApiOperation(
            id = "getPhotoContent",
            summary = "A photo's bytes (Range and If-None-Match answered)",
            answer = byte[].class,
            answerMediaType = "*/*")
    public ResponseEntity<Resource> content(Caller caller, @PathVariable UUID photoId) {
        PhotoService.Content content = photos.content(caller.teamId(), photoId);
        Photo photo = content.photo();
        return BlobResponses.inline(content.resource(), content.mediaType(), photo.blobKey(), CACHE, photo.filename());
    }

    /** Keys are not users, so a key's upload has no {@code user}; user tokens, when they come, will pass theirs. */
    private Photo create(Caller caller, UUID photoId, HttpServletRequest request) {
        return photos.create(caller.teamId(), null, photoId, PhotoForm.read(request));
    }
}
