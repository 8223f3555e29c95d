package org.openchakra.whatsapp.media;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.openchakra.blob.BlobResponses;
import org.openchakra.blob.BlobStore;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiException;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.Caller;
import org.openchakra.web.PublicBaseUrl;
import org.openchakra.web.RequiresPrivilege;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The media reads of whatsapp.md §5, under {@code /v1/whatsapp/} and {@code /v2/whatsapp/} alike: Meta's
 * media object (unwrapped, its {@code url} pointing here) and the bytes, by media id or by the {@code mid}
 * of a webhook's {@code lookaside.fbsbx.com/whatsapp_business/attachments/?mid=} URL, which is the media id.
 */
@RestController
@RequiresPrivilege(Privileges.WHATSAPP_MEDIA)
class WhatsappMediaController {

    /** The bytes under a media id never change; private, because reading them takes a token. */
    private static final CacheControl CACHE =
            CacheControl.maxAge(Duration.ofDays(1)).cachePrivate();

    private static final Pattern VERSION = Pattern.compile("v\\d{1,3}\\.\\d{1,3}");
    /** Meta's media ids are digits; a little more is let through, nothing that needs escaping. */
    private static final Pattern MEDIA_ID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    /** Digits are a media id in form whatever their length; more than {@link #LONGEST_ID} name none. */
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private static final int LONGEST_ID = 128;

    private static final Pattern PHONE_NUMBER_ID = Pattern.compile("\\d{1,32}");

    private final MediaReads reads;
    private final BlobStore blobs;
    private final PublicBaseUrl baseUrl;

    public WhatsappMediaController(MediaReads reads, BlobStore blobs, PublicBaseUrl baseUrl) {
        this.reads = reads;
        this.blobs = blobs;
        this.baseUrl = baseUrl;
    }

    @GetMapping({"/v1/whatsapp/{version}/media/{mediaId}", "/v2/whatsapp/{version}/media/{mediaId}"})
    @ApiOperation(
            path = "/v1/whatsapp/{version}/media/{mediaId}",
            id = "getMedia",
            summary = "Meta's media object of a media id, its url pointing at the bytes here",
            answer = MediaSchemas.MediaObject.class)
    @ApiOperation(
            path = "/v2/whatsapp/{version}/media/{mediaId}",
            id = "getMediaV2",
            summary = "Meta's media object of a media id (as under /v1)",
            answer = MediaSchemas.MediaObject.class)
    public Map<String, Object> object(
            Caller caller,
            @PathVariable String version,
            @PathVariable String mediaId,
            @RequestParam(name = "phone_number_id", required = false) String phoneNumberId,
            HttpServletRequest request) {
        WhatsappMediaStore.StoredMedia media = obtain(caller, version, mediaId, "mediaId", phoneNumberId);
        String api = request.getRequestURI().startsWith("/v2/") ? "/v2" : "/v1";
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("url", baseUrl.of(request) + api + "/whatsapp/" + version + "/media/" + mediaId + "/show");
        object.put("mime_type", media.mimeType());
        object.put("sha256", media.sha256());
        object.put("file_size", Long.toString(media.fileSize()));
        object.put("id", media.mediaId());
        object.put("messaging_product", "whatsapp");
        return object;
    }

    @GetMapping({"/v1/whatsapp/{version}/media/{mediaId}/show", "/v2/whatsapp/{version}/media/{mediaId}/show"})
    @ApiOperation(
            path = "/v1/whatsapp/{version}/media/{mediaId}/show",
            id = "getMediaContent",
            summary = "The bytes of a media id",
            answer = byte[].class,
            answerMediaType = "*/*")
    @ApiOperation(
            path = "/v2/whatsapp/{version}/media/{mediaId}/show",
            id = "getMediaContentV2",
            summary = "The bytes of a media id (as under /v1)",
            answer = byte[].class,
            answerMediaType = "*/*")
    public ResponseEntity<Resource> show(
            Caller caller,
            @PathVariable String version,
            @PathVariable String mediaId,
            @RequestParam(name = "phone_number_id", required = false) String phoneNumberId) {
        return bytes(obtain(caller, version, mediaId, "mediaId", phoneNumberId));
    }

    /** Meta's attachment URLs end in a slash before the query; clients that swap the host keep it. */
    @GetMapping({
        "/v1/whatsapp/{version}/media/whatsapp_business/attachments",
        "/v1/whatsapp/{version}/media/whatsapp_business/attachments/",
        "/v2/whatsapp/{version}/media/whatsapp_business/attachments",
        "/v2/whatsapp/{version}/media/whatsapp_business/attachments/"
    })
    @ApiOperation(
            path = "/v1/whatsapp/{version}/media/whatsapp_business/attachments",
            id = "getAttachment",
            summary = "The bytes a webhook's lookaside ...?mid= URL names (the path with a trailing / works too)",
            answer = byte[].class,
            answerMediaType = "*/*")
    @ApiOperation(
            path = "/v2/whatsapp/{version}/media/whatsapp_business/attachments",
            id = "getAttachmentV2",
            summary = "The bytes a webhook's lookaside ...?mid= URL names (as under /v1)",
            answer = byte[].class,
            answerMediaType = "*/*")
    public ResponseEntity<Resource> attachment(
            Caller caller,
            @PathVariable String version,
            @RequestParam String mid,
            @RequestParam(name = "phone_number_id", required = false) String phoneNumberId) {
        return bytes(obtain(caller, version, mid, "mid", phoneNumberId));
    }

    private WhatsappMediaStore.StoredMedia obtain(
            Caller caller, String version, String mediaId, String idField, String phoneNumberId) {
        if (!VERSION.matcher(version).matches()) {
            throw ApiException.badRequest("version", "'version' must be a Graph API version such as v23.0");
        }
        if (DIGITS.matcher(mediaId).matches() && mediaId.length() > LONGEST_ID) {
            // Shaped like Meta's ids, only longer than any: unknown, as any id Meta does not know (whatsapp.md §5).
            throw ApiException.notFound("Media " + mediaId.substring(0, 20) + "... not found");
        }
        if (!MEDIA_ID.matcher(mediaId).matches()) {
            throw ApiException.badRequest(
                    idField, "'" + idField + "' must be a media id: up to 128 letters, digits," + " '.', '_' or '-'");
        }
        if (phoneNumberId != null && !PHONE_NUMBER_ID.matcher(phoneNumberId).matches()) {
            throw ApiException.badRequest("phone_number_id", "'phone_number_id' must be a phone-number id (digits)");
        }
        return reads.obtain(caller.teamId(), version, mediaId, phoneNumberId);
    }

    private ResponseEntity<Resource> bytes(WhatsappMediaStore.StoredMedia media) {
        Resource content = blobs.content(media.blobKey(), "media " + media.mediaId());
        return BlobResponses.inline(content, servable(media.mimeType()), media.blobKey(), CACHE, media.filename());
    }

    /** Meta's mime_type as a Content-Type; a value that is none (or none given) goes out as octet-stream. */
    private static MediaType servable(String mime) {
        try {
            MediaType type = mime == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(mime);
            return type.isConcrete() ? type : MediaType.APPLICATION_OCTET_STREAM;
        } catch (InvalidMediaTypeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }
}
