package org.openchakra.metasim;

import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /{pnid}/whatsapp_business_encryption} (spec 5): set a 2048-bit RSA PEM key, read it as {@code data[]}. */
final class EncryptionService {

    GraphResponse handle(GraphRequest req, PhoneNumber number) {
        if (req.method.equals("GET")) {
            ObjectNode body = Json.object();
            ArrayNode data = body.putArray("data");
            String key = number.businessPublicKey;
            if (key != null) {
                ObjectNode item = data.addObject();
                item.put("business_public_key", key);
                item.put("business_public_key_signature_status", "VALID");
            }
            return GraphResponse.ok(body);
        }
        String key = req.param("business_public_key");
        if (key == null || key.isBlank()) {
            throw new GraphException(new MetaError(
                    400,
                    100,
                    null,
                    "OAuthException",
                    "Missing required parameter: business_public_key",
                    "Invalid parameter",
                    null,
                    null,
                    null,
                    false));
        }
        if (!isRsa2048(key)) {
            throw new GraphException(new MetaError(
                    400,
                    100,
                    null,
                    "OAuthException",
                    "Business public key is invalid",
                    "Invalid parameter",
                    null,
                    "Invalid Public Key",
                    "The provided public key format is invalid",
                    false));
        }
        number.businessPublicKey = key;
        return GraphResponse.success();
    }

    static boolean isRsa2048(String pem) {
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            var key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            return pem.contains("-----BEGIN PUBLIC KEY-----")
                    && key instanceof RSAPublicKey rsa
                    && rsa.getModulus().bitLength() == 2048;
        } catch (Exception e) {
            return false;
        }
    }
}
