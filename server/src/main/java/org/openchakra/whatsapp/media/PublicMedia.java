package org.openchakra.whatsapp.media;

import java.time.LocalDate;
import java.util.UUID;

/** A published file: its URL path is {@code /public-media/{teamId}/{createdOn}/{id}.{extension}}. */
record PublicMedia(
        UUID id,
        UUID teamId,
        UUID pluginId,
        LocalDate createdOn,
        String extension,
        String mimeType,
        String blobKey,
        long fileSize,
        String filename) {

    String path() {
        return "/public-media/" + teamId + "/" + createdOn + "/" + id + "." + extension;
    }
}
