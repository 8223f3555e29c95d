package org.openchakra.metasim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Flows encryption key edge (spec 5): form, multipart and JSON POST; GET answers data[]. */
class EncryptionKeyTest extends SimulatorFixture {

    private static final String PATH = V + "/" + PNID + "/whatsapp_business_encryption";

    private static String pem(int bits) throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }

    @Test
    void acceptsFormMultipartAndJsonAndReadsBackAsData() throws Exception {
        String key = pem(2048);
        assertThat(graph.postForm(PATH, "business_public_key=" + URLEncoder.encode(key, StandardCharsets.UTF_8))
                        .json()
                        .path("success")
                        .asBoolean())
                .isTrue();
        assertThat(graph.postMultipart(PATH, Map.of("business_public_key", key), null, null, null)
                        .status())
                .isEqualTo(200);
        String json = Json.string(Json.object().put("business_public_key", key));
        assertThat(graph.postJson(PATH, json).status()).isEqualTo(200);

        JsonNode read = graph.get(PATH).json();
        assertThat(read.path("data").get(0).path("business_public_key").asString())
                .isEqualTo(key);
        assertThat(read.path("data")
                        .get(0)
                        .path("business_public_key_signature_status")
                        .asString())
                .isEqualTo("VALID");
    }

    @Test
    void refusesMissingAndInvalidKeys() throws Exception {
        GraphClient.Answer missing = graph.postJson(PATH, "{}");
        assertThat(missing.error().path("message").asString())
                .isEqualTo("Missing required parameter: business_public_key");
        assertThat(missing.code()).isEqualTo(100);

        GraphClient.Answer small =
                graph.postJson(PATH, Json.string(Json.object().put("business_public_key", pem(1024))));
        assertThat(small.status()).isEqualTo(400);
        assertThat(small.error().path("message").asString()).isEqualTo("Business public key is invalid");
        assertThat(small.error().path("error_user_title").asString()).isEqualTo("Invalid Public Key");
        assertThat(small.error().path("error_user_msg").asString())
                .isEqualTo("The provided public key format is invalid");
    }
}
