package org.openchakra.inbound;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.openchakra.common.HmacSha256;

/**
 * Meta's {@code X-Hub-Signature-256: sha256=<hex>}: HMAC-SHA256 of the raw body bytes, keyed with the app
 * secret (meta-cloud-api.md §6.2). Compared in constant time; never over re-serialised JSON.
 */
final class HubSignature {

    private static final String PREFIX = "sha256=";

    private HubSignature() {}

    static boolean matches(String header, byte[] body, String appSecret) {
        if (header == null || appSecret == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of()
                    .parseHex(header.substring(PREFIX.length()).trim().toLowerCase());
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(given, HmacSha256.of(appSecret, body));
    }
}
