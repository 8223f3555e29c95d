package org.openchakra.common;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 of exact bytes: Meta's webhook signatures in, OpenChakra's customer webhook signatures out. */
public final class HmacSha256 {

    private HmacSha256() {}

    public static byte[] of(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Lowercase hex, as both signature headers carry it. */
    public static String hex(String secret, byte[] body) {
        return HexFormat.of().formatHex(of(secret, body));
    }
}
