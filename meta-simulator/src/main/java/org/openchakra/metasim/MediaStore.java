package org.openchakra.metasim;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Media by id with the lifetimes of spec 4; expired entries read as absent and are purged lazily. */
final class MediaStore {

    static final Duration UPLOAD_LIFETIME = Duration.ofDays(30);
    static final Duration INBOUND_LIFETIME = Duration.ofDays(7);
    static final Duration URL_LIFETIME = Duration.ofMinutes(5);

    private final Clock clock;
    private final Map<String, MediaObject> media = new ConcurrentHashMap<>();

    MediaStore(Clock clock) {
        this.clock = clock;
    }

    MediaObject store(
            String id,
            String wabaId,
            String phoneNumberId,
            String mime,
            byte[] bytes,
            String filename,
            Duration lifetime) {
        byte[] digest = sha256(bytes);
        var now = clock.instant();
        MediaObject object = new MediaObject(
                id,
                wabaId,
                phoneNumberId,
                mime,
                bytes,
                HexFormat.of().formatHex(digest),
                Base64.getEncoder().encodeToString(digest),
                filename,
                now,
                now.plus(lifetime));
        media.put(id, object);
        return object;
    }

    Optional<MediaObject> find(String id) {
        MediaObject object = media.get(id);
        if (object == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(object.expiresAt())) {
            media.remove(id);
            return Optional.empty();
        }
        return Optional.of(object);
    }

    boolean delete(String id) {
        return media.remove(id) != null;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
