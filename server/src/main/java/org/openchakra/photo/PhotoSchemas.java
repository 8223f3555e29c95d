package org.openchakra.photo;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Photos (platform.md §7) as the OpenAPI document shows them; {@link PhotoForm} reads the upload. */
final class PhotoSchemas {

    private PhotoSchemas() {}

    @Schema(description = "multipart/form-data; at most 20 MiB.")
    record PhotoUpload(
            @Schema(requiredMode = RequiredMode.REQUIRED, type = "string", format = "binary")
            String photo,

            @Schema(description = "Default the part's file name.")
            String filename,

            @Schema(description = "Default from the part's name or content, e.g. image/jpeg.")
            String filetype) {}

    @Schema(name = "Photo")
    record PhotoAnswer(
            UUID id,
            long createdAt,
            long updatedAt,
            @Nullable String filetype,
            @Nullable String filename,

            @Schema(description = "For images the server could read.") @Nullable
            Integer height,

            @Nullable Integer width,

            @Schema(description = "Always false: photos are served to callers with a token only.")
            boolean isPublic,

            UUID team,

            @Schema(description = "Null for uploads made with an API key.") @Nullable
            UUID user,

            @Schema(
                    description = "The path of the bytes on this server; in the fetch only.",
                    requiredMode = RequiredMode.NOT_REQUIRED)
            String url) {}
}
