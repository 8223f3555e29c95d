package org.openchakra.blob;

import java.nio.charset.StandardCharsets;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The one way stored bytes go out (photos, public media, WhatsApp media). The body is the blob as a
 * {@link Resource}, so Spring MVC streams it, sets Content-Length, and answers Range (206, Accept-Ranges)
 * and If-None-Match (304) from these headers by itself.
 */
public final class BlobResponses {

    private BlobResponses() {}

    /**
     * {@code blobKey} is new for every stored blob, so it is a strong validator for these exact bytes.
     * Uploaded content is whatever the uploader made it: nosniff and a sandboxing CSP keep a file that is
     * really HTML or SVG from running as a page of this origin.
     */
    public static ResponseEntity<Resource> inline(
            Resource content, MediaType type, String blobKey, CacheControl cache, String filename) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .contentType(type)
                .cacheControl(cache)
                .eTag("\"" + blobKey + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox");
        if (filename != null) {
            response.header(
                    HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.inline()
                            .filename(filename, StandardCharsets.UTF_8)
                            .build()
                            .toString());
        }
        return response.body(content);
    }
}
