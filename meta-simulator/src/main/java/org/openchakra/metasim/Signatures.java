package org.openchakra.metasim;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Webhook signatures (spec 6.2): lowercase hex HMAC of the exact body bytes, keyed with the app secret. */
final class Signatures {

    private Signatures() {}

    static String sha256Header(String appSecret, byte[] body) {
        return "sha256=" + hmac("HmacSHA256", appSecret, body);
    }

    static String sha1Header(String appSecret, byte[] body) {
        return "sha1=" + hmac("HmacSHA1", appSecret, body);
    }

    static String hmac(String algorithm, String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), algorithm));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }
}
