package org.openchakra.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes and hashes tokens: {@code ock_} and 43 URL-safe characters, 256 random bits (README §2).
 * Only the SHA-256 is stored; a high-entropy token needs no slow hash, and lookup by hash stays O(1).
 */
public final class TokenSecrets {

    static final String PREFIX = "ock_";
    private static final int RANDOM_BYTES = 32;
    private static final int SHOWN_CHARS = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {}

    public static String newToken() {
        return newToken(PREFIX);
    }

    /** A token of the same strength for another use, told apart from API tokens by its prefix. */
    public static String newToken(String prefix) {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The non-secret start of a token, for people to tell tokens apart. */
    public static String visiblePrefix(String token) {
        return token.substring(0, Math.min(SHOWN_CHARS, token.length()));
    }

    public static boolean sameHash(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
