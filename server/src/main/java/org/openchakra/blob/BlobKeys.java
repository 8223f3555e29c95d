package org.openchakra.blob;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Blob keys: 128 random bits in hex, made here, never derived from anything a caller sent. Every backend
 * checks a key against this form before using it, so a corrupt one can name no other place.
 */
final class BlobKeys {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private BlobKeys() {}

    static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String check(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Not a blob key");
        }
        return key;
    }
}
