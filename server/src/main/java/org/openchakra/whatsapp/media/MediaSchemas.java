package org.openchakra.whatsapp.media;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.jspecify.annotations.Nullable;

/** Media (whatsapp.md §5) as the OpenAPI document shows it. */
final class MediaSchemas {

    private MediaSchemas() {}

    @Schema(description = "multipart/form-data; size caps follow Meta's per-type limits.")
    record PublicMediaUpload(
            @Schema(requiredMode = RequiredMode.REQUIRED, type = "string", format = "binary")
            String file,

            String filename) {}

    record PublicMedia(
            @Schema(description = "An unguessable URL that answers without a token, for templates' media links.")
            String publicMediaUrl) {}

    @Schema(description = "Meta's media object, its url pointing at this server's show path.")
    record MediaObject(
            String url,
            @Nullable String mime_type,
            @Nullable String sha256,

            @Schema(description = "Bytes, as a string (as Meta sends it).")
            String file_size,

            String id,
            @Schema(example = "whatsapp") String messaging_product) {}
}
