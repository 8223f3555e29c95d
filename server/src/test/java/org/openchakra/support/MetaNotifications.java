package org.openchakra.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Notifications as Meta posts them to {@code /webhooks/meta}, and the HMAC-SHA256 signatures both sides use,
 * computed here independently of the server's code so that a test checks it rather than repeats it.
 */
public final class MetaNotifications {

    private MetaNotifications() {}

    /** A {@code messages} notification of one WABA and number; {@code value} is what follows the metadata. */
    public static byte[] of(String wabaId, String phoneNumberId, String value) {
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + wabaId + "\",\"changes\":[{"
                        + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                        + "\"display_phone_number\":\"15550001111\",\"phone_number_id\":\"" + phoneNumberId + "\"},"
                        + value + "}}]}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** {@code X-Hub-Signature-256} of {@code body}. */
    public static String signature(String appSecret, byte[] body) {
        return "sha256=" + hmacHex(appSecret, body);
    }

    public static String hmacHex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
