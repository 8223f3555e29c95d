package org.openchakra.metasim;

import java.time.Instant;

/** Stored media: an upload (30 days) or the media of an injected inbound message (7 days). */
record MediaObject(
        String id,
        String wabaId,
        String phoneNumberId,
        String mimeType,
        byte[] bytes,
        String sha256Hex,
        String sha256Base64,
        String filename,
        Instant createdAt,
        Instant expiresAt) {}
