package org.openchakra.whatsapp.media;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.blob.BlobResponses;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiException;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.PublicBaseUrl;
import org.openchakra.web.RequiresPrivilege;
import org.openchakra.whatsapp.plugin.PluginDirectory;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** whatsapp.md §5: publishing a file for templates' media links, and serving it to anyone with the URL. */
@RestController
class PublicMediaController {

    /** A URL names one upload forever: caches anywhere may keep it as long as they like. */
    private static final CacheControl CACHE =
            CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final PluginDirectory directory;
    private final PublicMediaService media;
    private final PublicBaseUrl baseUrl;

    public PublicMediaController(PluginDirectory directory, PublicMediaService media, PublicBaseUrl baseUrl) {
        this.directory = directory;
        this.media = media;
        this.baseUrl = baseUrl;
    }

    /** The body is read through the servlet request so that form problems name the {@code file} part. */
    @PostMapping("/v1/ext/plugin/whatsapp/{pluginId}/upload-public-media")
    @RequiresPrivilege(Privileges.WHATSAPP_MEDIA)
    @ApiOperation(
            id = "uploadPublicMedia",
            summary = "Publish a file at an unguessable URL, for templates' media headers",
            body = MediaSchemas.PublicMediaUpload.class,
            bodyMediaType = "multipart/form-data",
            data = MediaSchemas.PublicMedia.class)
    public ApiResponse upload(Caller caller, @PathVariable UUID pluginId, HttpServletRequest request) {
        PluginDirectory.Resolved plugin = directory.active(caller.teamId(), pluginId);
        PublicMedia published = media.publish(caller.teamId(), plugin.plugin().id(), PublicMediaForm.read(request));
        return ApiResponse.ok(Map.of("publicMediaUrl", baseUrl.of(request) + published.path()));
    }

    /**
     * Unauthenticated: whoever holds the URL (Meta fetching a template's header) gets the bytes. Anything
     * that is not exactly the URL of a stored file is the same 404, so the path tells nothing about what exists.
     */
    @GetMapping("/public-media/{teamId}/{day}/{file}")
    @ApiOperation(
            id = "getPublicMedia",
            summary = "A published file, to anyone with its URL",
            answer = byte[].class,
            answerMediaType = "*/*")
    public ResponseEntity<Resource> serve(
            @PathVariable String teamId, @PathVariable String day, @PathVariable String file) {
        int dot = file.lastIndexOf('.');
        Optional<PublicMediaService.Content> found = Optional.empty();
        // The extension is compared in SQL: only the short lower-case ones this server issues get that far.
        if (dot > 0 && file.substring(dot + 1).matches("[a-z0-9]{1,5}")) {
            Optional<UUID> team = canonicalUuid(teamId);
            Optional<UUID> id = canonicalUuid(file.substring(0, dot));
            Optional<LocalDate> createdOn = date(day);
            if (team.isPresent() && id.isPresent() && createdOn.isPresent()) {
                found = media.find(team.get(), createdOn.get(), id.get(), file.substring(dot + 1));
            }
        }
        PublicMediaService.Content content = found.orElseThrow(() -> ApiException.notFound("No such public media"));
        PublicMedia published = content.media();
        return BlobResponses.inline(
                content.resource(),
                MediaType.parseMediaType(published.mimeType()),
                published.blobKey(),
                CACHE,
                published.filename());
    }

    /** Only the form the URL was issued with: UUID.fromString also takes "1-1-1-1-1", which would alias it. */
    private static Optional<UUID> canonicalUuid(String text) {
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equals(text) ? Optional.of(uuid) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<LocalDate> date(String text) {
        try {
            LocalDate parsed = LocalDate.parse(text);
            return parsed.toString().equals(text) ? Optional.of(parsed) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
